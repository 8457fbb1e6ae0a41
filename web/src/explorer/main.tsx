import { useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import './monaco-workers.js';
import './explorer.css';
import { exampleTabs } from './example-tabs.js';
import { keepSessionToken, sessionToken } from '../session-token.js';

const tokenKey = 'epr.explorer.token';
// The explorer is served at <gateway>/explorer; GraphQL is beside it.
const endpoint = new URL('graphql', window.location.href).toString();

type GraphQLParams = { query: string; variables?: unknown; operationName?: string | null };

const noToken = { errors: [{ message: 'Paste a session token into "Session token" above: every request needs one.' }] };

/** Sends an operation with the session token typed into the token field, as `authorization: Bearer`. */
function fetcherFor(token: string) {
  return async (params: GraphQLParams, options?: { headers?: Record<string, unknown> }) => {
    if (!token) return noToken;
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        ...(options?.headers as Record<string, string> | undefined),
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(params),
    });
    return response.json();
  };
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
    fetcherFor(token)({ query: '{ me { displayName roleProfile { jobRoleCode organisation { name } } } }' }).then(
      (answer: {
        data?: { me?: { displayName: string; roleProfile: { jobRoleCode: string; organisation: { name: string } } } };
        errors?: { message: string }[];
      }) => {
        if (!current) return;
        const me = answer.data?.me;
        setWho(
          me
            ? `Signed in as ${me.displayName}, ${me.roleProfile.jobRoleCode} at ${me.roleProfile.organisation.name}`
            : `Token refused: ${answer.errors?.[0]?.message ?? 'unknown reason'}`,
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
