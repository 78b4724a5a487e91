// A table on screen as the core's `TableData` (for CSV/XLSX exports), and the default file names of
// exports. Pure: the DOM is only read, and everything but `tableFromElement` takes plain strings.

import type { NumberFormat } from "../bindings/NumberFormat";
import type { Quarter } from "../bindings/Quarter";
import type { TableCell } from "../bindings/TableCell";
import type { TableData } from "../bindings/TableData";
import { NOT_MEASURED, quarterKey } from "./format";

/**
 * A cell's text as a number when it reads as one, the way `format.ts` writes figures:
 * `1,234` (integer), `96.1%` / `-3.5%` (percent, the value as shown: 96.1), `¥12,000.00` / `12.5`
 * (decimal). `—` (not measured) and blanks are empty; everything else (dates, codes with leading
 * zeros, Chinese) stays text.
 */
export function parseCell(raw: string): TableCell {
  const text = raw.replace(/\s+/g, " ").trim();
  if (text === "" || text === NOT_MEASURED) return { kind: "empty" };
  const m = /^([-−+]?)([¥￥$]?) ?([-−+]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(%?)$/.exec(text);
  if (!m) return { kind: "text", value: text };
  const [, sign1, currency, sign2, whole, frac = "", pct] = m;
  if (sign1 && sign2) return { kind: "text", value: text };
  const digits = whole.replace(/,/g, "");
  // An identifier (`007`) or more digits than a double holds exactly: keep it as written.
  if ((digits.length > 1 && digits.startsWith("0") && !whole.includes(",")) || digits.length + frac.length > 15) {
    return { kind: "text", value: text };
  }
  const negative = (sign1 || sign2) === "-" || (sign1 || sign2) === "−";
  const value = Number(`${negative ? "-" : ""}${digits}${frac ? `.${frac}` : ""}`);
  if (!Number.isFinite(value)) return { kind: "text", value: text };
  const format: NumberFormat = pct ? "percent" : frac || currency ? "decimal" : "integer";
  return { kind: "number", value: negative && value === 0 ? 0 : value, format, decimals: frac.length };
}

/** Attribute that leaves a column (on its `th`), a row or any part of a cell out of an export. */
export const SKIP = "data-export";
/** Attribute on a cell: export this text instead of what is shown, always as text (a full hash). */
export const AS_TEXT = "data-export-text";

function skipped(el: Element): boolean {
  return el.getAttribute(SKIP) === "skip" || el.classList.contains("actions-col") || el.getAttribute("aria-hidden") === "true";
}

const BLOCK = new Set(["DIV", "P", "BR", "LI", "UL", "OL", "TABLE", "TR", "SECTION", "H1", "H2", "H3", "H4"]);

/**
 * The text a person reads in a cell: form controls by their value, skipped parts left out, a
 * nested element's text set apart from the text before it.
 */
export function cellText(node: Node): string {
  if (node.nodeType === 3) return node.textContent ?? "";
  if (node.nodeType !== 1) return "";
  const el = node as Element;
  if (skipped(el)) return "";
  if (el.tagName === "INPUT") {
    const input = el as HTMLInputElement;
    if (input.type === "checkbox" || input.type === "radio") return input.checked ? "✓" : "";
    return input.type === "hidden" ? "" : input.value;
  }
  if (el.tagName === "SELECT") {
    const select = el as HTMLSelectElement;
    return select.selectedOptions[0]?.textContent ?? select.value;
  }
  if (el.tagName === "TEXTAREA") return (el as HTMLTextAreaElement).value;
  if (el.tagName === "BUTTON" && el.textContent?.trim() === "") return "";
  let out = "";
  for (const child of Array.from(el.childNodes)) {
    const text = cellText(child);
    // `{name}<span class="muted">{team}</span>` reads as two words on screen: keep them apart.
    if (child.nodeType === 1 && text && out && !/\s$/.test(out) && !/^\s/.test(text)) out += " ";
    out += text;
  }
  return BLOCK.has(el.tagName) ? ` ${out} ` : out;
}

const clean = (s: string) => s.replace(/\s+/g, " ").trim();

/** A cell spanning rows below its own: what it puts in each column it covers, and in how many more rows. */
type Carried = { cell: HTMLTableCellElement | null; left: number };

/**
 * The cells of a row, one per column position: a colspan repeats `null` after its cell, and a cell
 * spanning rows from a row above (a row group's label) is repeated in each row it covers. `carried`
 * holds those rowspans by column, from one row of a section to the next.
 */
function spread(row: HTMLTableRowElement, carried: Map<number, Carried> = new Map()): (HTMLTableCellElement | null)[] {
  const out: (HTMLTableCellElement | null)[] = [];
  const fill = () => {
    for (let c = carried.get(out.length); c && c.left > 0; c = carried.get(out.length)) {
      c.left--;
      out.push(c.cell);
    }
  };
  for (const cell of Array.from(row.cells)) {
    fill();
    const span = Math.max(1, cell.colSpan);
    // `rowspan="0"`: to the end of the section.
    const down = cell.rowSpan === 0 ? Infinity : cell.rowSpan - 1;
    for (let i = 0; i < span; i++) {
      const at = i === 0 ? cell : null;
      if (down > 0) carried.set(out.length, { cell: at, left: down });
      out.push(at);
    }
  }
  fill();
  return out;
}

/**
 * The table as exported: the last header row's cells as columns, every body and footer row's cells
 * (colspans spread over the columns they cover, a rowspan's cell repeated in each row it covers),
 * without the action column and rows marked to skip. A body row that is one cell across several
 * columns (a note, an expanded detail) is left out.
 */
export function tableFromElement(table: HTMLTableElement, title: string): TableData {
  const head = table.tHead?.rows[table.tHead.rows.length - 1] ?? null;
  // The body, then the footer (totals).
  const bodyRows = [...Array.from(table.tBodies).flatMap((b) => Array.from(b.rows)), ...Array.from(table.tFoot?.rows ?? [])];
  const headerRow = head ?? (bodyRows[0] && Array.from(bodyRows[0].cells).every((c) => c.tagName === "TH") ? bodyRows[0] : null);

  const headCells = headerRow ? spread(headerRow) : [];
  const keep = headCells.map((c) => !(c && skipped(c)));
  const columns = headCells.filter((_, i) => keep[i]).map((c) => (c ? clean(cellText(c)) : ""));

  const rows: TableCell[][] = [];
  // Rowspans end with their section (a `tbody`, the footer).
  let section: Element | null = null;
  let carried = new Map<number, Carried>();
  for (const row of bodyRows) {
    if (row.parentElement !== section) {
      section = row.parentElement;
      carried = new Map();
    }
    // Every row takes its share of the rowspans above it, exported or not.
    const cells = spread(row, carried);
    if (row === headerRow || skipped(row)) continue;
    if (row.cells.length === 1 && row.cells[0].colSpan > 1) continue;
    const out: TableCell[] = [];
    cells.forEach((c, i) => {
      if (i < keep.length && !keep[i]) return;
      if (c && skipped(c)) return;
      const forced = c?.getAttribute(AS_TEXT);
      if (forced != null) out.push({ kind: "text", value: forced });
      else out.push(c ? parseCell(cellText(c)) : { kind: "empty" });
    });
    rows.push(out);
  }
  return { title: clean(title), columns, rows };
}

/** A file name from a title: without characters Windows refuses, at most 80 characters. */
export function safeFileName(s: string): string {
  const name = s
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+|\.+$/g, "");
  return [...name].slice(0, 80).join("").trim() || "SQM";
}

/** `各服务达成情况-2026Q3.xlsx`: the title, the quarter when the figures are of one, the extension. */
export function exportFileName(title: string, quarter: Quarter | null | undefined, ext: string): string {
  const base = safeFileName(title);
  return `${quarter ? `${base}-${quarterKey(quarter)}` : base}.${ext}`;
}

/** The presentation properties a chart drawn by a component gets from its (scoped) stylesheet. */
const SVG_STYLE = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-dasharray",
  "stroke-opacity",
  "opacity",
  "font-size",
  "font-weight",
];

/**
 * A chart drawn in the page (an inline `<svg>` styled by CSS classes) as standalone SVG text: the
 * styles the page computed are written onto each element, so the file looks as the screen does
 * without the stylesheet, in the bundled font.
 */
export function svgFromElement(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...Array.from(svg.querySelectorAll("*"))];
  const to = [clone, ...Array.from(clone.querySelectorAll("*"))];
  from.forEach((el, i) => {
    // Only what a class styles: attributes already say the rest.
    if (!el.hasAttribute("class")) return;
    const css = getComputedStyle(el);
    const style = SVG_STYLE.map((p) => [p, css.getPropertyValue(p)] as const)
      .filter(([, v]) => v !== "")
      .map(([p, v]) => `${p}: ${v}`)
      .join("; ");
    if (style) to[i].setAttribute("style", style);
    to[i].removeAttribute("class");
  });
  clone.setAttribute("font-family", "Noto Sans SC, sans-serif");
  const text = new XMLSerializer().serializeToString(clone);
  // The serializer declares the SVG namespace of an element from an HTML page; make sure of it.
  return text.includes("xmlns=") ? text : text.replace(/^<svg/, '<svg xmlns="http://www.w3.org/2000/svg"');
}
