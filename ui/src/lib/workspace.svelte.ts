// The open workspace as the whole UI sees it, and the quarter the user is looking at.
// `revision` goes up whenever the workspace's data may have changed (open, import, settings), so
// screens reload what they show.

import * as api from "../api";
import type { ApiError } from "../api";
import type { Quarter } from "../bindings/Quarter";
import type { WorkspaceInfo } from "../bindings/WorkspaceInfo";
import { i18n } from "./i18n.svelte";

function sameQuarter(a: Quarter | null, b: Quarter | null): boolean {
  return a !== null && b !== null && a.year === b.year && a.q === b.q;
}

class WorkspaceStore {
  info = $state<WorkspaceInfo | null>(null);
  /** False until the first `app_state` answered. */
  loaded = $state(false);
  revision = $state(0);
  /** The quarter shown on the dashboard and proposed for export. */
  quarter = $state<Quarter | null>(null);
  error = $state<ApiError | null>(null);

  /** Makes `info` the current workspace; `opened` when it is a different file (language follows it). */
  set(info: WorkspaceInfo | null, opened = false): void {
    const previousPath = this.info?.path;
    this.info = info;
    this.revision += 1;
    if (info && (opened || previousPath !== info.path)) i18n.lang = info.settings.lang;
    const quarters = info?.quarters ?? [];
    if (!quarters.some((q) => sameQuarter(q, this.quarter))) this.quarter = info?.latest_quarter ?? null;
  }

  async load(): Promise<void> {
    try {
      this.set(await api.appState(), true);
      this.error = null;
    } catch (e) {
      this.error = api.toApiError(e);
    } finally {
      this.loaded = true;
    }
  }

  /** Re-reads the workspace after its data changed (an import adds quarters and services). */
  async refresh(): Promise<void> {
    this.set(await api.appState());
  }
}

export const workspace = new WorkspaceStore();
