// The save flow of the export buttons: ask where to save, write there (busy meanwhile), remember
// the file written so it can be opened, and keep the error of any step to show.
import * as api from "../api";
import type { ApiError, FileFilter } from "../api";

export class SaveFile {
  busy = $state(false);
  written = $state<string | null>(null);
  error = $state<ApiError | null>(null);

  /** Asks for a path with the save dialog; when one is given, `write` writes the file there and
   *  returns the path written (or nothing: then the path asked for). */
  async save(title: string, fileName: string, filter: FileFilter, write: (path: string) => Promise<unknown>) {
    this.error = null;
    this.written = null;
    try {
      const path = await api.pickSavePath(title, fileName, [filter]);
      if (!path) return;
      this.busy = true;
      const out = await write(path);
      this.written = typeof out === "string" ? out : path;
    } catch (e) {
      this.error = api.toApiError(e);
    } finally {
      this.busy = false;
    }
  }

  /** Opens the file written last with the system's viewer. */
  async open() {
    if (!this.written) return;
    try {
      await api.openFile(this.written);
    } catch (e) {
      this.error = api.toApiError(e);
    }
  }
}
