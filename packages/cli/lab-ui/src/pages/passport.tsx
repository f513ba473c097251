// One model passport: each fact with where it came from, or unknown with why; the routes the resolver can make; the
// serve-plan form.
import type { ModelPassport, PassportFact } from '@codewhale/hub';
import type { ComponentChildren } from 'preact';
import { safeHref, formatTokens, groupNumber } from '../format.js';
import { TESTIDS } from '../testids.js';
import type { PassportOutput } from '../types.js';
import { ServePlanForm } from './serve-plan.js';

/** A fact's value (rendered by `show`) with its source on hover, or `unknown` with the reason. */
function Fact<T>(props: { readonly fact: PassportFact<T>; readonly show: (value: T) => ComponentChildren }) {
  const { fact } = props;
  if (!fact.known) {
    return (
      <span class="muted" title={fact.reason}>
        unknown: {fact.reason}
      </span>
    );
  }
  return <span title={`Source: ${fact.source}`}>{props.show(fact.value)}</span>;
}

/** The passport page section. */
export function PassportView(props: { readonly passport: ModelPassport; readonly routes: PassportOutput['routes'] }) {
  const { passport } = props;
  const href = safeHref(passport.url);
  const routable = props.routes.filter((route) => route.ok);
  const unavailable = props.routes.filter((route) => !route.ok);
  return (
    <section class="panel" data-testid={TESTIDS.passport} data-repo={passport.repo} aria-labelledby="passport-heading">
      <h2 id="passport-heading">
        {href !== undefined ? (
          <a href={href} target="_blank" rel="noopener noreferrer">
            {passport.repo}
          </a>
        ) : (
          passport.repo
        )}
      </h2>
      {passport.renamed !== undefined ? (
        <p class="muted">
          Renamed: {passport.renamed.from} → {passport.renamed.to}
        </p>
      ) : null}
      <dl class="facts">
        <dt>Licence</dt>
        <dd
          data-testid={TESTIDS.passportLicence}
          data-licence={passport.licence.known ? passport.licence.value.id : 'unknown'}
        >
          <Fact
            fact={passport.licence}
            show={(licence) => (
              <>
                <code>{licence.id}</code>
                {licence.name !== undefined ? ` ${licence.name}` : ''}
                {licence.link !== undefined ? <span class="muted"> ({licence.link})</span> : null}
              </>
            )}
          />
        </dd>
        <dt>Gating</dt>
        <dd>
          <Fact fact={passport.gating.gated} show={(gated) => (gated === false ? 'not gated' : `gated (${gated})`)} /> ·
          access {passport.gating.access} · private{' '}
          <Fact fact={passport.gating.private} show={(value) => (value ? 'yes' : 'no')} />
        </dd>
        <dt>Task · library</dt>
        <dd>
          <Fact fact={passport.task} show={(task) => task} /> · <Fact fact={passport.library} show={(lib) => lib} />
        </dd>
        <dt>Parameters</dt>
        <dd>
          <Fact fact={passport.parameters.total} show={(total) => groupNumber(total)} />
          {passport.parameters.byDtype.known ? (
            <span class="muted">
              {' '}
              (
              {Object.entries(passport.parameters.byDtype.value)
                .map(([dtype, count]) => `${dtype}: ${groupNumber(count)}`)
                .join(', ')}
              )
            </span>
          ) : null}
        </dd>
        <dt>GGUF</dt>
        <dd>
          <Fact
            fact={passport.gguf}
            show={(gguf) => (
              <>
                architecture <Fact fact={gguf.architecture} show={(value) => value} /> · context{' '}
                <Fact fact={gguf.contextLength} show={(value) => formatTokens(value)} />
                {gguf.quantisations.length > 0 ? (
                  <ul class="plain">
                    {gguf.quantisations.map((quant) => (
                      <li key={quant.name}>
                        <code>{quant.name}</code>{' '}
                        <Fact fact={quant.bytes} show={(bytes) => `${groupNumber(bytes)} bytes`} />{' '}
                        <span class="muted">({quant.files.length} files)</span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  ' · no quantisations listed'
                )}
              </>
            )}
          />
        </dd>
        <dt>Last modified</dt>
        <dd>
          <Fact fact={passport.lastModified} show={(value) => value} />
        </dd>
        <dt>Read from</dt>
        <dd class="muted">
          <code>{passport.source.url}</code> at {passport.source.fetchedAt}
          {passport.source.fromCache ? ' (cache)' : ''} · token {passport.source.token}
        </dd>
      </dl>
      <h3>Routes this installation can make</h3>
      {routable.length === 0 ? (
        <p>None: no configured provider serves this model (see below why).</p>
      ) : (
        <table data-testid={TESTIDS.passportRoutes}>
          <thead>
            <tr>
              <th scope="col">Route</th>
              <th scope="col">Kind</th>
              <th scope="col">Key</th>
              <th scope="col" class="num">
                Context
              </th>
              <th scope="col">Meter</th>
              <th scope="col">Basis</th>
            </tr>
          </thead>
          <tbody>
            {routable.map((route) =>
              route.ok ? (
                <tr key={route.ref} data-testid={TESTIDS.passportRoute} data-ref={route.ref} data-ok="true">
                  <th scope="row">
                    <code>{route.ref}</code>
                  </th>
                  <td>{route.kind}</td>
                  <td>
                    <code>{route.auth.source}</code>
                  </td>
                  <td class="num">{formatTokens(route.contextWindow.value)}</td>
                  <td>{route.meter}</td>
                  <td>
                    {route.basis}
                    {route.messages.length > 0 ? <span class="muted"> · {route.messages.join(' · ')}</span> : null}
                  </td>
                </tr>
              ) : null,
            )}
          </tbody>
        </table>
      )}
      {unavailable.length > 0 ? (
        <details>
          <summary>{unavailable.length} routes not available</summary>
          <ul>
            {unavailable.map((route) =>
              route.ok ? null : (
                <li key={route.ref} data-testid={TESTIDS.passportRoute} data-ref={route.ref} data-ok="false">
                  <code>{route.ref}</code> ({route.kind}): {route.reason}
                </li>
              ),
            )}
          </ul>
        </details>
      ) : null}
      <ServePlanForm
        key={passport.repo}
        repo={passport.repo}
        ggufOnly={passport.gguf.known && !passport.parameters.byDtype.known}
        quantisations={passport.gguf.known ? passport.gguf.value.quantisations.map((quant) => quant.name) : []}
      />
    </section>
  );
}
