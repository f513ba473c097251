import { join } from 'node:path';
import {
  createHubClient,
  fetchPassport,
  HubError,
  type HubModelSummary,
  type ModelPassport,
  type PassportFact,
  type PassportRoute,
  passportRouteJson,
} from '@codewhale/hub';
import { authLabel, groupDigits } from '@codewhale/core';
import { createLiveCache } from '@codewhale/node';
import { CliError, EXIT_CODES } from '../cli/exit-codes.js';
import { type Output, renderTable } from '../cli/output.js';
import type { Session } from '../cli/session.js';
import { sanitizeTerminalText as untrusted } from '../cli/terminal-text.js';

/** The flags of `hub search`. */
export interface HubSearchFlags {
  readonly query?: string;
  readonly task?: string;
  readonly provider?: string;
  readonly app?: string;
  readonly gated?: string;
  readonly author?: string;
  readonly limit?: number;
}

/** The flags of `passport`. */
export interface PassportFlags {
  /** `<repo>` or `<repo>@<revision>`. */
  readonly target: string;
  readonly refresh?: boolean;
}

/** One Hub client per command: endpoint and token from the environment (HF_ENDPOINT, HF_TOKEN), answers cached. */
function hubClient(session: Session) {
  return createHubClient({
    env: session.env,
    cache: createLiveCache({ dir: join(session.cache.dir, 'hub') }),
  });
}

/** A Hub failure as the CLI reports it: the Hub's status says what to do; exit 4 (network). */
function hubFailure(error: unknown): never {
  if (HubError.isInstance(error))
    throw new CliError('network', untrusted(error.message), { code: error.code, cause: error });
  throw error;
}

/** `hub search <query>`: models on the Hugging Face Hub (an explicit network call; nothing else contacts the Hub). */
export async function runHubSearch(session: Session, output: Output, flags: HubSearchFlags): Promise<number> {
  const gated = flags.gated === undefined ? undefined : flags.gated === 'true' || flags.gated === 'yes';
  if (flags.gated !== undefined && !['true', 'false', 'yes', 'no'].includes(flags.gated))
    throw new CliError('usage', `--gated "${untrusted(flags.gated)}" is not yes or no.`, {
      code: 'invalid-value',
      hint: 'Give --gated yes (only gated repositories) or --gated no (only open ones).',
    });
  const client = hubClient(session);
  let page: Awaited<ReturnType<typeof client.searchModels>>;
  try {
    page = await client.searchModels({
      ...(flags.query ? { search: flags.query } : {}),
      ...(flags.author ? { author: flags.author } : {}),
      ...(flags.task ? { pipelineTag: flags.task } : {}),
      ...(flags.provider ? { inferenceProvider: flags.provider } : {}),
      ...(flags.app ? { apps: flags.app } : {}),
      ...(gated !== undefined ? { gated } : {}),
      limit: flags.limit ?? 20,
      sort: 'downloads',
    });
  } catch (error) {
    hubFailure(error);
  }
  if (output.json) {
    output.printJson({
      schemaVersion: 1,
      endpoint: client.endpoint,
      models: page.models,
      ...(page.next ? { next: page.next } : {}),
    });
    return EXIT_CODES.ok;
  }
  if (page.models.length === 0) {
    output.out(`No models on ${client.endpoint} match.`);
    return EXIT_CODES.ok;
  }
  const { colors } = output;
  const table: string[][] = [
    ['repo', 'task', 'licence', 'gated', 'downloads', 'providers'].map((title) => colors.bold(title)),
  ];
  for (const model of page.models) table.push(searchRow(model, output));
  output.out(renderTable(table));
  output.out(
    colors.dim(
      `${page.models.length} result${page.models.length === 1 ? '' : 's'} from ${client.endpoint}${page.next ? ' (more: raise --limit)' : ''}. \`codewhale-route passport <repo>\` shows one with its routes.`,
    ),
  );
  return EXIT_CODES.ok;
}

function searchRow(model: HubModelSummary, output: Output): string[] {
  const providers = (model.inferenceProviderMapping ?? []).map((mapping) => mapping.provider);
  return [
    untrusted(model.id),
    untrusted(model.pipelineTag ?? '-'),
    untrusted(model.license ?? '-'),
    model.gated === undefined ? '-' : model.gated === false ? 'no' : untrusted(String(model.gated)),
    model.downloads === undefined ? '-' : groupDigits(model.downloads),
    providers.length ? untrusted(providers.join(', ')) : output.colors.dim('-'),
  ];
}

/** `passport <repo>[@revision]`: what a model is (licence and gating first), and the routes this installation can make. */
export async function runPassport(session: Session, output: Output, flags: PassportFlags): Promise<number> {
  const at = flags.target.lastIndexOf('@');
  const repo = at > 0 ? flags.target.slice(0, at) : flags.target;
  const revision = at > 0 ? flags.target.slice(at + 1) : undefined;
  if (!repo || revision === '')
    throw new CliError('usage', `"${untrusted(flags.target)}" is not <repo> or <repo>@<revision>.`, {
      code: 'invalid-value',
      hint: 'Name a Hub repository, e.g. `codewhale-route passport Qwen/Qwen3-Coder-Next` or `…@<commit sha>`.',
    });
  const client = hubClient(session);
  let result: Awaited<ReturnType<typeof fetchPassport>>;
  try {
    result = await fetchPassport(client, repo, revision, {
      registry: session.registry,
      config: session.config,
      credentials: session.credentials,
      live: session.live(),
    });
  } catch (error) {
    hubFailure(error);
  }
  const { passport, routes } = result;
  if (output.json) {
    output.printJson({ schemaVersion: 1, passport, routes: routes.map(passportRouteJson) });
    return EXIT_CODES.ok;
  }
  output.out(passportText(passport, routes, output));
  return EXIT_CODES.ok;
}

function factText<T>(fact: PassportFact<T>, show: (value: T) => string, output: Output): string {
  return fact.known ? show(fact.value) : output.colors.dim(`unknown (${untrusted(fact.reason)})`);
}

function passportText(passport: ModelPassport, routes: readonly PassportRoute[], output: Output): string {
  const { colors } = output;
  const rows: string[][] = [];
  const add = (label: string, value: string) => rows.push([colors.bold(label), value]);
  add(
    'licence',
    factText(
      passport.licence,
      (licence) => untrusted([licence.id, licence.name, licence.link].filter(Boolean).join(' · ')),
      output,
    ),
  );
  add(
    'gated',
    `${factText(passport.gating.gated, (gated) => (gated === false ? 'no' : `yes (${gated} approval)`), output)}; your token: ${passport.gating.access}`,
  );
  if (passport.renamed)
    add(
      'renamed',
      `${untrusted(passport.renamed.from)} → ${untrusted(passport.renamed.to)} (the Hub redirected; use the new name)`,
    );
  add(
    'revision',
    factText(passport.sha, (sha) => sha, output),
  );
  add(
    'task',
    `${factText(passport.task, untrusted, output)}; library ${factText(passport.library, untrusted, output)}`,
  );
  add(
    'parameters',
    factText(
      passport.parameters.byDtype,
      (byDtype) =>
        Object.entries(byDtype)
          .map(([dtype, count]) => `${groupDigits(count)} ${untrusted(dtype)}`)
          .join(' + '),
      output,
    ),
  );
  if (passport.gguf.known) {
    const gguf = passport.gguf.value;
    add(
      'gguf',
      `${factText(gguf.architecture, untrusted, output)}, context ${factText(gguf.contextLength, groupDigits, output)}; quantisations: ${
        gguf.quantisations.map((quant) => untrusted(quant.name)).join(', ') || '-'
      }`,
    );
  }
  const bases = passport.lineage.baseModels.map((base) =>
    base.relation === 'unknown'
      ? `from ${untrusted(base.repo)} (relation not stated)`
      : `${base.relation} of ${untrusted(base.repo)}`,
  );
  add('lineage', bases.join('; ') || colors.dim('no base model named'));
  add(
    'providers',
    factText(
      passport.providers,
      (mappings) =>
        mappings.map((mapping) => `${untrusted(mapping.provider)} (${untrusted(mapping.status)})`).join(', ') || '-',
      output,
    ),
  );
  add('modified', factText(passport.lastModified, untrusted, output));
  const lines = [`${colors.bold(untrusted(passport.repo))}  ${colors.dim(untrusted(passport.url))}`, renderTable(rows)];
  if (passport.card.known && passport.card.value.summary)
    lines.push('', colors.bold('card'), untrusted(passport.card.value.summary.slice(0, 600)));
  lines.push('', colors.bold('routes (each made by the resolver)'));
  const table: string[][] = [['ref', 'kind', 'key', 'context', 'meter / why not'].map((title) => colors.bold(title))];
  for (const route of routes) {
    if (route.ok)
      table.push([
        untrusted(route.ref),
        route.kind,
        authLabel(route.auth),
        route.contextWindow.value === 'unknown' ? 'unknown' : groupDigits(route.contextWindow.value),
        route.meter,
      ]);
    else
      table.push([untrusted(route.ref), route.kind, '-', '-', colors.dim(`not routable: ${untrusted(route.reason)}`)]);
  }
  lines.push(routes.length ? renderTable(table) : colors.dim('none: no installed provider serves it'));
  lines.push(
    colors.dim(
      `Read from ${untrusted(passport.source.url)} at ${passport.source.fetchedAt}${passport.source.fromCache ? ' (cache)' : ''}; token: ${passport.source.token}.`,
    ),
  );
  return lines.join('\n');
}
