// Loads where only the answer to the latest request counts, however the replies interleave
// (a quarter switched twice quickly must not show the first quarter's figures last).

import { toApiError, type ApiError } from "../api";

export interface LatestHandlers<T> {
  ok: (result: T) => void;
  err: (error: ApiError) => void;
  /** After `ok` or `err`, for the latest request only (e.g. to clear a loading flag). */
  settled?: () => void;
}

/** A runner: each call supersedes the calls before it; superseded answers are dropped. */
export function latestOnly() {
  let latest = 0;
  return async function run<T>(fetch: () => Promise<T>, on: LatestHandlers<T>): Promise<void> {
    const n = ++latest;
    try {
      const result = await fetch();
      if (n === latest) on.ok(result);
    } catch (e) {
      if (n === latest) on.err(toApiError(e));
    } finally {
      if (n === latest) on.settled?.();
    }
  };
}
