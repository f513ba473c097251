/** Reproducible route comparisons of CodeWhale (see README.md). */
export {
  EvaluationError,
  EVAL_ERROR_CODES,
  type EvalErrorCode,
  type EvalErrorDetails,
  type EvalIssue,
} from './eval-error.js';
export {
  evalSuiteSchema,
  evalCaseSchema,
  graderSchema,
  evalMessageSchema,
  generationSettingsSchema,
  toolPolicySchema,
  evalSuiteJsonSchema,
  evalCaseJsonSchema,
  type EvalSuite,
  type EvalCase,
  type Grader,
  type GenerationSettings,
  type ToolPolicy,
  type EvalMessage,
} from './eval-suite-schema.js';
export { loadSuite, parseCases, sha256Hex, SUITE_MAX_BYTES, type LoadedSuite } from './load-suite.js';
export {
  gradeAnswer,
  parseJsonAnswer,
  type EvalAnswer,
  type AnswerToolCall,
  type GraderVerdict,
  type GradeOptions,
} from './grade-answer.js';
export {
  runGraderCommand,
  graderCommandEnv,
  COMMAND_ENV_ALLOWLIST,
  type CommandOutcome,
  type RunCommandOptions,
} from './command-grader.js';
export { caseSettings, caseRequestBase, caseRequestDigest, routeRequestBody, readChatAnswer } from './chat-request.js';
export {
  runEval,
  gitState,
  EVAL_RUN_VERSION,
  type RunEvalOptions,
  type EvalRun,
  type EvalResult,
  type EvalStatus,
  type EvalManifest,
  type EvalRouteRecord,
  type EvalProgress,
} from './run-eval.js';
export {
  evalReport,
  reportOf,
  readEvalRun,
  compareEvalRuns,
  wilsonInterval,
  spread,
  type EvalReport,
  type RouteReport,
  type CaseReport,
  type PassRate,
  type EvalRunData,
  type EvalComparison,
} from './eval-report.js';
export { VERSION } from './version.js';
