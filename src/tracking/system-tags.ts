/**
 * The system tags MLflow's `start_run` sets (`mlflow/tracking/context/*`): who ran what, from
 * where, at which commit. Read from the process and the file system; no child processes.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { safeUri } from '../util/uri';

export const TAG_USER = 'mlflow.user';
export const TAG_SOURCE_NAME = 'mlflow.source.name';
export const TAG_SOURCE_TYPE = 'mlflow.source.type';
export const TAG_GIT_COMMIT = 'mlflow.source.git.commit';
export const TAG_GIT_BRANCH = 'mlflow.source.git.branch';
export const TAG_GIT_REPO_URL = 'mlflow.source.git.repoURL';
export const TAG_RUN_NAME = 'mlflow.runName';
export const TAG_PARENT_RUN_ID = 'mlflow.parentRunId';
export const TAG_NOTE = 'mlflow.note.content';

/** Overrides for what the process cannot know by itself (a notebook's path, for example). */
export interface SourceContext {
  sourceName?: string;
  sourceType?: 'LOCAL' | 'NOTEBOOK' | 'JOB' | 'PROJECT';
}

const process_ = globalThis as typeof globalThis & { [key: symbol]: SourceContext | undefined };
const KEY = Symbol.for('mlflow-autolog.source-context');

/** Sets the source name and type for runs started from now on (used by the notebook entry). */
export function setSourceContext(context: SourceContext): void {
  process_[KEY] = { ...process_[KEY], ...context };
}

/**
 * The notebook this process runs, when it is a tslab (Jupyter) kernel: the notebook's path when
 * Jupyter tells it (`JPY_SESSION_NAME`), else the kernel's working folder.
 */
function notebookContext(): SourceContext | undefined {
  const isKernel = process.argv.includes('kernel') && process.argv.some((arg) => /[\\/]tslab([\\/]|$)/.test(arg) || arg.endsWith('tslab'));
  if (!isKernel) return undefined;
  return { sourceType: 'NOTEBOOK', sourceName: process.env.JPY_SESSION_NAME || process.cwd() };
}

export function systemTags(username?: string): Record<string, string> {
  const context = { ...notebookContext(), ...process_[KEY] };
  const script = process.argv[1] ? resolve(process.argv[1]) : undefined;
  const tags: Record<string, string> = {
    [TAG_USER]: username ?? currentUser(),
    [TAG_SOURCE_NAME]: context.sourceName ?? script ?? '<console>',
    [TAG_SOURCE_TYPE]: context.sourceType ?? 'LOCAL',
  };
  const git = gitInfo(script ? dirname(script) : process.cwd());
  if (git?.commit) tags[TAG_GIT_COMMIT] = git.commit;
  if (git?.branch) tags[TAG_GIT_BRANCH] = git.branch;
  if (git?.repoUrl) tags[TAG_GIT_REPO_URL] = git.repoUrl;
  return tags;
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/** Reads HEAD, its ref and the origin URL straight from the `.git` folder above `start`. */
export function gitInfo(start: string): { commit?: string; branch?: string; repoUrl?: string } | undefined {
  try {
    let dir = resolve(start);
    for (;;) {
      const candidate = join(dir, '.git');
      if (existsSync(candidate)) {
        let gitDir = candidate;
        if (statSync(candidate).isFile()) {
          // NB: worktrees and submodules have a `.git` file pointing at the real folder.
          const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(candidate, 'utf8'))?.[1];
          if (!pointer) return undefined;
          gitDir = resolve(dir, pointer.trim());
        }
        return readGitDir(gitDir);
      }
      const parent = dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  } catch {
    return undefined;
  }
}

function readGitDir(gitDir: string): { commit?: string; branch?: string; repoUrl?: string } {
  const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
  const commonDir = existsSync(join(gitDir, 'commondir'))
    ? resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim())
    : gitDir;
  let commit: string | undefined;
  let branch: string | undefined;
  const ref = /^ref:\s*(.+)$/.exec(head)?.[1];
  if (ref) {
    branch = ref.replace(/^refs\/heads\//, '');
    for (const base of [gitDir, commonDir]) {
      const file = join(base, ref);
      if (existsSync(file)) {
        commit = readFileSync(file, 'utf8').trim();
        break;
      }
    }
    if (!commit && existsSync(join(commonDir, 'packed-refs'))) {
      const line = readFileSync(join(commonDir, 'packed-refs'), 'utf8')
        .split('\n')
        .find((l) => l.endsWith(` ${ref}`));
      commit = line?.split(' ')[0];
    }
  } else if (/^[0-9a-f]{40,64}$/.test(head)) {
    commit = head;
  }
  let repoUrl: string | undefined;
  const configFile = join(commonDir, 'config');
  if (existsSync(configFile)) {
    const config = readFileSync(configFile, 'utf8');
    const url = /\[remote "origin"\][^[]*?url\s*=\s*(\S+)/.exec(config)?.[1];
    // NB: an https remote may carry a token (https://user:token@host/…): never into a tag.
    repoUrl = url === undefined ? undefined : safeUri(url);
  }
  return { commit, branch, repoUrl };
}
