import { useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import type { Fetcher, FetcherParams, SyncExecutionResult } from '@graphiql/toolkit';
import { GraphQLError } from 'graphql';
import 'graphiql/style.css';
import './monaco-workers.js';
import './explorer.css';
import { exampleTabs } from './example-tabs.js';
import { keepSessionToken, sessionToken } from '../session-token.js';

const tokenKey = 'epr.explorer.token';
// The explorer is served at <gateway>/explorer; GraphQL is beside it.
const endpoint = new URL('graphql', window.location.href).toString();

/** One GraphQL request with the session token typed into the token field, as `authorization: Bearer`. */
async function send(token: string, params: FetcherParams, headers?: Record<string, string>): Promise<unknown> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(params),
  });
  return response.json() as Promise<unknown>;
}

// Without a token every request would be refused; say what to do instead of sending it.
const noToken: SyncExecutionResult = {
  errors: [new GraphQLError('Paste a session token into "Session token" above: every request needs one.')],
};

function fetcherFor(token: string): Fetcher {
  return async (params, options) => (token ? ((await send(token, params, options?.headers)) as SyncExecutionResult) : noToken);
}

interface WhoAmI {
  data?: { me?: { displayName: string; roleProfile: { jobRoleCode: string; organisation: { name: string } } } } | null;
  errors?: { message: string }[];
}

/** Says who the token signs in, or why it was refused, so a wrong token is obvious before anything else. */
function useSignedIn(token: string): string {
  const [who, setWho] = useState('');
  useEffect(() => {
    if (!token) {
      setWho('No session token: paste one to load the schema and run operations.');
      return;
    }
    let current = true;
    send(token, { query: '{ me { displayName roleProfile { jobRoleCode organisation { name } } } }' }).then(
      (answer) => {
        if (!current) return;
        const { data, errors } = answer as WhoAmI;
        const me = data?.me;
        setWho(
          me
            ? `Signed in as ${me.displayName}, ${me.roleProfile.jobRoleCode} at ${me.roleProfile.organisation.name}`
            : `Token refused: ${errors?.[0]?.message ?? 'unknown reason'}`,
        );
      },
      () => current && setWho('The gateway could not be reached.'),
    );
    return () => {
      current = false;
    };
  }, [token]);
  return who;
}

function Explorer() {
  const [token, setToken] = useState(() => sessionToken(tokenKey) ?? '');
  const fetcher = useMemo(() => fetcherFor(token), [token]);
  const signedIn = useSignedIn(token);
  return (
    <div className="explorer">
      <header className="explorer-session">
        <label htmlFor="session-token">Session token</label>
        <input
          id="session-token"
          name="session-token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="Paste a session token (JWT)"
          value={token}
          onChange={(event) => {
            const next = event.target.value.trim().replace(/^Bearer\s+/i, '');
            keepSessionToken(tokenKey, next || undefined);
            setToken(next);
          }}
        />
        <output htmlFor="session-token" className="explorer-signed-in">
          {signedIn}
        </output>
      </header>
      <GraphiQL fetcher={fetcher} defaultTabs={exampleTabs} defaultEditorToolsVisibility="variables" />
    </div>
  );
}

createRoot(document.getElementById('explorer')!).render(<Explorer />);
