import { readFile } from 'node:fs/promises';
import { watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { SupergraphManager } from '@apollo/gateway';
import type { Logger } from 'pino';

/**
 * Serves the committed supergraph file and reloads it when it changes, without a restart: an operator
 * deploys a new subgraph version, writes the newly composed supergraph, and the gateway picks it up.
 * A file that fails to load is logged and the gateway keeps serving the last good supergraph.
 */
export function supergraphFromFile(file: string, logger: Logger): SupergraphManager {
  return {
    async initialize({ update }) {
      let last = await readFile(file, 'utf8');
      let timer: NodeJS.Timeout | undefined;
      const reload = async () => {
        const next = await readFile(file, 'utf8').catch(() => undefined);
        if (next === undefined || next === last || next.trim() === '') return;
        try {
          update(next);
          last = next;
          logger.info({ file }, 'supergraph reloaded');
        } catch (error) {
          logger.error({ err: error, file }, 'new supergraph rejected; still serving the previous one');
        }
      };
      // Editors and `mv` replace the file, so watch its directory, and debounce bursts of events.
      const watcher = watch(dirname(file), { persistent: false }, (_event, changed) => {
        if (changed !== null && changed !== basename(file)) return;
        clearTimeout(timer);
        timer = setTimeout(() => void reload(), 100);
      });
      return {
        supergraphSdl: last,
        cleanup: async () => {
          clearTimeout(timer);
          watcher.close();
        },
      };
    },
  };
}
