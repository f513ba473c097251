// The answer of `explain --json`, section by section: route, endpoint, key class, limits, price, reasons, inputs,
// alternatives, messages.
import { SourceLink } from '../components/source-link.js';
import { formatRate, formatTokens } from '../format.js';
import { TESTIDS } from '../testids.js';
import type { ExplainOutput } from '../types.js';

type Limit = ExplainOutput['limits']['contextWindow'];

function LimitRow({ name, label, limit }: { readonly name: string; readonly label: string; readonly limit: Limit }) {
  return (
    <tr data-testid={TESTIDS.explainLimit} data-limit={name} data-value={String(limit.value)}>
      <th scope="row">{label}</th>
      <td class="num">{formatTokens(limit.value)}</td>
      <td>
        {limit.value === 'unknown' ? (
          <span class="muted">{limit.note ?? 'no source states it'}</span>
        ) : (
          <>
            <span class="badge">{limit.source}</span>{' '}
            {limit.url !== undefined ? (
              <SourceLink
                source={{
                  url: limit.url,
                  kind: limit.kind,
                  date: limit.retrieved,
                  uncertain: limit.uncertain,
                  note: limit.note,
                }}
              />
            ) : limit.note !== undefined ? (
              <span class="muted">{limit.note}</span>
            ) : null}
          </>
        )}
      </td>
    </tr>
  );
}

function Price({ meter }: { readonly meter: ExplainOutput['meter'] }) {
  if (meter.kind === 'token-pricing') {
    const rates = meter.rates;
    return (
      <div data-testid={TESTIDS.explainPrice} data-kind={meter.kind}>
        <p>
          {meter.currency} per 1M tokens: input {formatRate(rates.input)} · cached input {formatRate(rates.cachedInput)}{' '}
          · output {formatRate(rates.output)}
          {rates.reasoning !== undefined ? ` · reasoning ${formatRate(rates.reasoning)}` : ''}
          {meter.timeTiers !== undefined && meter.timeTiers.length > 0
            ? ` · time tiers: ${meter.timeTiers.map((tier) => tier.name).join(', ')}`
            : ''}
        </p>
        <p>
          <SourceLink
            source={{
              url: meter.source.url,
              kind: meter.source.kind,
              date: meter.source.verified ?? meter.source.retrieved,
              uncertain: meter.source.uncertain,
              note: meter.source.note,
            }}
          />
        </p>
        {meter.note !== undefined ? <p class="muted">{meter.note}</p> : null}
      </div>
    );
  }
  return (
    <div data-testid={TESTIDS.explainPrice} data-kind={meter.kind}>
      <p>
        <span class="badge">{meter.kind}</span> {meter.kind === 'unknown' ? meter.reason : (meter.note ?? '')}
      </p>
      {'source' in meter ? (
        <p>
          <SourceLink source={{ url: meter.source.url, kind: meter.source.kind, date: meter.source.retrieved }} />
        </p>
      ) : null}
    </div>
  );
}

function inputValue(value: ExplainOutput['inputs'][number]['value']): string {
  if (value === null) return '—';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** One explanation. */
export function ExplainResult({ explanation: e }: { readonly explanation: ExplainOutput }) {
  const { decisions } = e;
  return (
    <div class="result">
      <h2>
        Route{' '}
        <code data-testid={TESTIDS.explainRoute} data-route={e.route}>
          {e.route}
        </code>
      </h2>
      <dl class="facts">
        <dt>Provider</dt>
        <dd>
          {e.provider.displayName}{' '}
          <span class="muted">
            ({e.provider.id}, {e.provider.class})
          </span>
        </dd>
        <dt>Model</dt>
        <dd>
          {e.model.logical}
          {e.model.canonical !== undefined && e.model.canonical !== e.model.logical ? ` → ${e.model.canonical}` : ''}
          {e.model.wire !== undefined ? (
            <span class="muted">
              {' '}
              wire id <code>{e.model.wire}</code>
            </span>
          ) : null}
          {e.model.fromAuto ? <span class="badge">chosen by auto</span> : null}
          {e.model.passThrough ? <span class="badge">pass-through</span> : null}
        </dd>
        <dt>Endpoint</dt>
        <dd data-testid={TESTIDS.explainEndpoint} data-base-url={e.endpoint.baseUrl}>
          <code>{e.endpoint.baseUrl}</code> <span class="muted">{e.endpoint.protocol}</span>
          {e.endpoint.official ? <span class="badge">official</span> : <span class="badge">not official</span>}
        </dd>
        <dt>Key class</dt>
        <dd data-testid={TESTIDS.explainAuth} data-auth={e.auth}>
          <code>{e.auth}</code>
        </dd>
        <dt>Capabilities</dt>
        <dd>
          {Object.entries(e.capabilities).map(([name, state]) => (
            <span key={name} class={`cap cap-${state}`}>
              {name}: {state}
            </span>
          ))}
        </dd>
        <dt>Reasoning</dt>
        <dd>
          {e.reasoning.applied}
          <span class="muted">
            {' '}
            (asked: {e.reasoning.requested ?? 'nothing'}, by {e.reasoning.source})
          </span>
          {Object.keys(e.reasoning.params).length > 0 ? (
            <>
              {' '}
              <code>{JSON.stringify(e.reasoning.params)}</code>
            </>
          ) : null}
        </dd>
      </dl>

      {e.messages.length > 0 ? (
        <ul class="messages" data-testid={TESTIDS.explainMessages}>
          {e.messages.map((message) => (
            <li key={message.code} class={`message-${message.level}`} data-code={message.code}>
              <strong>{message.level}</strong> {message.message}
            </li>
          ))}
        </ul>
      ) : null}

      <h3>Limits</h3>
      <table data-testid={TESTIDS.explainLimits}>
        <thead>
          <tr>
            <th scope="col">Limit</th>
            <th scope="col" class="num">
              Tokens
            </th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          <LimitRow name="contextWindow" label="Context window" limit={e.limits.contextWindow} />
          <LimitRow name="maxOutput" label="Max output" limit={e.limits.maxOutput} />
        </tbody>
      </table>

      <h3>Price</h3>
      <Price meter={e.meter} />

      <h3>Why</h3>
      <ul data-testid={TESTIDS.explainReasons}>
        <li>
          <strong>Provider</strong> ({decisions.provider.source}): {decisions.provider.detail}
        </li>
        <li>
          <strong>Model</strong> ({decisions.model.source}, matched by {decisions.model.matchedBy}):{' '}
          {decisions.model.detail}
        </li>
        <li>
          <strong>Endpoint</strong> ({decisions.endpoint.source}): {decisions.endpoint.detail}
        </li>
      </ul>
      {decisions.auto !== undefined ? (
        <>
          <h4>Auto considered (prefer {decisions.auto.preference})</h4>
          <table>
            <thead>
              <tr>
                <th scope="col">Route</th>
                <th scope="col">Outcome</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {decisions.auto.considered.map((item) => (
                <tr key={item.ref} data-ref={item.ref} data-outcome={item.outcome}>
                  <th scope="row">
                    <code>{item.ref}</code>
                  </th>
                  <td>{item.outcome}</td>
                  <td>{item.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      <h3>Inputs: who set each</h3>
      <table data-testid={TESTIDS.explainInputs}>
        <thead>
          <tr>
            <th scope="col">Input</th>
            <th scope="col">Value</th>
            <th scope="col">Set by</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {e.inputs.map((input) => (
            <tr
              key={input.input}
              data-testid={TESTIDS.explainInput}
              data-input={input.input}
              data-source={input.source}
            >
              <th scope="row">{input.input}</th>
              <td>
                <code>{inputValue(input.value)}</code>
              </td>
              <td>{input.label}</td>
              <td>{input.detail ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {e.ignoredEnv.length > 0 ? (
        <>
          <h4>Ignored environment variables</h4>
          <ul>
            {e.ignoredEnv.map((item) => (
              <li key={item.name}>
                <code>{item.name}</code>: {item.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h3>Alternatives</h3>
      {e.alternatives.length === 0 ? (
        <p class="muted">No other offering of this model.</p>
      ) : (
        <table data-testid={TESTIDS.explainAlternatives}>
          <thead>
            <tr>
              <th scope="col">Route</th>
              <th scope="col">Endpoint</th>
              <th scope="col">Key</th>
              <th scope="col" class="num">
                Context
              </th>
              <th scope="col" class="num">
                Input /1M
              </th>
              <th scope="col" class="num">
                Output /1M
              </th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {e.alternatives.map((alternative) => {
              const priced = alternative.meter.kind === 'token-pricing';
              return (
                <tr key={alternative.ref} data-testid={TESTIDS.explainAlternative} data-ref={alternative.ref}>
                  <th scope="row">
                    <code>{alternative.ref}</code>
                  </th>
                  <td>
                    <code>{alternative.endpoint.baseUrl}</code>
                  </td>
                  <td>
                    <code>{alternative.auth}</code>
                    {alternative.credentialReady ? <span class="badge">ready</span> : null}
                  </td>
                  <td class="num">{formatTokens(alternative.contextWindow)}</td>
                  <td class="num">
                    {priced
                      ? `${alternative.meter.currency ?? ''} ${formatRate(alternative.meter.input)}`
                      : alternative.meter.kind}
                  </td>
                  <td class="num">{priced ? formatRate(alternative.meter.output) : ''}</td>
                  <td>
                    {alternative.meter.source !== undefined ? <SourceLink source={alternative.meter.source} /> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
