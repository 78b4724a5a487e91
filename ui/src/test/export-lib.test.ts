// A table on screen → TableData: which texts become numbers (and with which format), the header,
// the action column, colspans and the default file names.

import { describe, expect, it } from "vitest";
import { exportFileName, parseCell, safeFileName, svgFromElement, tableFromElement } from "../lib/export";

describe("parseCell", () => {
  it.each([
    ["1,234", { kind: "number", value: 1234, format: "integer", decimals: 0 }],
    ["87", { kind: "number", value: 87, format: "integer", decimals: 0 }],
    ["96.1%", { kind: "number", value: 96.1, format: "percent", decimals: 1 }],
    ["-3.5%", { kind: "number", value: -3.5, format: "percent", decimals: 1 }],
    ["−3.5%", { kind: "number", value: -3.5, format: "percent", decimals: 1 }],
    ["100%", { kind: "number", value: 100, format: "percent", decimals: 0 }],
    ["¥12,000.00", { kind: "number", value: 12000, format: "decimal", decimals: 2 }],
    ["-¥1,234.50", { kind: "number", value: -1234.5, format: "decimal", decimals: 2 }],
    ["12.5", { kind: "number", value: 12.5, format: "decimal", decimals: 1 }],
    ["0", { kind: "number", value: 0, format: "integer", decimals: 0 }],
    [" 4.2 ", { kind: "number", value: 4.2, format: "decimal", decimals: 1 }],
  ])("%s is a number", (text, cell) => {
    expect(parseCell(text)).toEqual(cell);
  });

  it.each(["—", "", "   "])("%j is empty", (text) => {
    expect(parseCell(text)).toEqual({ kind: "empty" });
  });

  it.each([
    "2026-09-30",
    "桌面支持",
    "网络服务 (VPN)",
    "2026 Q3",
    "2026年第3季度",
    "12.5 小时",
    "1 h 30 min",
    "INC0012345",
    "007",
    "1,23",
    "12:30",
    "1234567890123456",
    "-",
  ])("%s stays text", (text) => {
    expect(parseCell(text)).toEqual({ kind: "text", value: text });
  });

  it("collapses whitespace in text", () => {
    expect(parseCell("  桌面\n  支持 ")).toEqual({ kind: "text", value: "桌面 支持" });
  });
});

function tableOf(html: string): HTMLTableElement {
  const host = document.createElement("div");
  host.innerHTML = html;
  return host.querySelector("table")!;
}

describe("tableFromElement", () => {
  it("reads the header and the cells as shown, without the action column", () => {
    const table = tableOf(`
      <table>
        <thead><tr><th>代码</th><th>服务名称</th><th class="num">工单量</th><th class="num">响应达成率</th><th class="num">满意度</th><th class="actions-col">操作</th></tr></thead>
        <tbody>
          <tr>
            <td class="code">DESK</td><td>桌面支持</td>
            <td class="num"><button type="button" class="drill">1,240</button></td>
            <td class="num"><span class="with-light">96.1%<span class="light" role="img" aria-label="达标"></span></span></td>
            <td class="num">—</td>
            <td class="actions-col"><button>编辑</button><button>删除</button></td>
          </tr>
          <tr><td colspan="6" class="muted">没有更多</td></tr>
          <tr data-export="skip"><td><input value="draft"></td><td></td><td></td><td></td><td></td><td></td></tr>
        </tbody>
      </table>`);
    expect(tableFromElement(table, " 各服务达成情况 ")).toEqual({
      title: "各服务达成情况",
      columns: ["代码", "服务名称", "工单量", "响应达成率", "满意度"],
      rows: [
        [
          { kind: "text", value: "DESK" },
          { kind: "text", value: "桌面支持" },
          { kind: "number", value: 1240, format: "integer", decimals: 0 },
          { kind: "number", value: 96.1, format: "percent", decimals: 1 },
          { kind: "empty" },
        ],
      ],
    });
  });

  it("spreads colspans, reads form controls, separates block lines and keeps forced text", () => {
    const table = tableOf(`
      <table>
        <thead>
          <tr><th colspan="2">季度</th><th>人员</th></tr>
          <tr><th>年</th><th>季</th><th>姓名</th></tr>
        </thead>
        <tbody>
          <tr><td colspan="2">2026 Q3</td><td><div>张伟</div><div>E001</div></td></tr>
          <tr><td>1</td><td>2</td><td data-export-text="012345678901abcdef"><code>012345678901</code></td></tr>
          <tr><td><select><option>2025</option><option selected>2026</option></select></td><td><input value="3"></td><td>王芳<span aria-hidden="true">▸</span><span class="muted">网络组</span></td></tr>
        </tbody>
      </table>`);
    const data = tableFromElement(table, "t");
    expect(data.columns).toEqual(["年", "季", "姓名"]);
    expect(data.rows).toEqual([
      [{ kind: "text", value: "2026 Q3" }, { kind: "empty" }, { kind: "text", value: "张伟 E001" }],
      [
        { kind: "number", value: 1, format: "integer", decimals: 0 },
        { kind: "number", value: 2, format: "integer", decimals: 0 },
        { kind: "text", value: "012345678901abcdef" },
      ],
      [
        { kind: "number", value: 2026, format: "integer", decimals: 0 },
        { kind: "number", value: 3, format: "integer", decimals: 0 },
        { kind: "text", value: "王芳 网络组" },
      ],
    ]);
  });

  it("repeats a rowspan's cell in each row it covers, within its own section", () => {
    const table = tableOf(`
      <table>
        <thead><tr><th>服务</th><th>季度</th><th>CSAT</th></tr></thead>
        <tbody>
          <tr><th rowspan="2">NET 网络接入</th><td>2026 Q3</td><td>60.0%</td></tr>
          <tr><td>2026 Q2</td><td>84.2%</td></tr>
        </tbody>
        <tbody>
          <tr><th rowspan="3">全部服务</th><td>2026 Q3</td><td>86.1%</td></tr>
          <tr data-export="skip"><td>—</td><td>—</td></tr>
          <tr><td>2026 Q2</td><td rowspan="0">—</td></tr>
        </tbody>
        <tbody><tr><td>EMAIL</td><td>2026 Q3</td><td>90.0%</td></tr></tbody>
      </table>`);
    const pct = (value: number) => ({ kind: "number", value, format: "percent", decimals: 1 });
    const text = (value: string) => ({ kind: "text", value });
    expect(tableFromElement(table, "t").rows).toEqual([
      [text("NET 网络接入"), text("2026 Q3"), pct(60)],
      [text("NET 网络接入"), text("2026 Q2"), pct(84.2)],
      [text("全部服务"), text("2026 Q3"), pct(86.1)],
      [text("全部服务"), text("2026 Q2"), { kind: "empty" }],
      [text("EMAIL"), text("2026 Q3"), pct(90)],
    ]);
  });

  it("leaves nested tables' rows to the nested table and keeps the footer's totals", () => {
    const table = tableOf(`
      <table>
        <thead><tr><th>课程</th><th>学时</th></tr></thead>
        <tbody>
          <tr><td>ITIL 基础</td><td>16</td></tr>
          <tr><td colspan="2"><table><thead><tr><th>日期</th></tr></thead><tbody><tr><td>2026-07-01</td></tr></tbody></table></td></tr>
        </tbody>
        <tfoot><tr><td>合计</td><td>16</td></tr></tfoot>
      </table>`);
    expect(tableFromElement(table, "课程").rows).toEqual([
      [
        { kind: "text", value: "ITIL 基础" },
        { kind: "number", value: 16, format: "integer", decimals: 0 },
      ],
      [
        { kind: "text", value: "合计" },
        { kind: "number", value: 16, format: "integer", decimals: 0 },
      ],
    ]);
  });
});

describe("file names", () => {
  it("names the file after the title and the quarter", () => {
    expect(exportFileName("各服务达成情况", { year: 2026, q: 3 }, "xlsx")).toBe("各服务达成情况-2026Q3.xlsx");
    expect(exportFileName("Services", null, "csv")).toBe("Services.csv");
    expect(exportFileName("响应达标率趋势（近四个季度）", { year: 2026, q: 3 }, "png")).toBe("响应达标率趋势（近四个季度）-2026Q3.png");
  });

  it("drops what Windows refuses in a file name", () => {
    expect(safeFileName('a/b\\c:d*e?f"g<h>i|j')).toBe("a b c d e f g h i j");
    expect(safeFileName("  ")).toBe("SQM");
    expect(safeFileName("...")).toBe("SQM");
  });
});

describe("svgFromElement", () => {
  it("writes the page's styles onto a chart drawn in the page", () => {
    const style = document.createElement("style");
    style.textContent = ".bar { fill: rgb(31, 95, 174); } .axis { stroke: rgb(148, 163, 184); stroke-width: 1px; }";
    document.head.append(style);
    const host = document.createElement("div");
    host.innerHTML = `<svg width="200" height="40" viewBox="0 0 200 40" role="img"><title>t</title>
      <text x="4" y="20" class="label">培训</text><rect class="bar" x="60" y="5" width="100" height="20" /><line class="axis" x1="60" x2="60" y1="0" y2="40" /></svg>`;
    document.body.append(host);
    const text = svgFromElement(host.querySelector("svg")!);
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    const root = doc.documentElement;
    expect(doc.querySelector("parsererror")).toBeNull();
    expect(root.namespaceURI).toBe("http://www.w3.org/2000/svg");
    expect(text.match(/xmlns=/g)).toHaveLength(1);
    expect(root.getAttribute("font-family")).toBe("Noto Sans SC, sans-serif");
    expect(root.getAttribute("width")).toBe("200");
    expect(root.querySelector("rect")!.getAttribute("style")).toContain("fill: rgb(31, 95, 174)");
    expect(root.querySelector("line")!.getAttribute("style")).toContain("stroke: rgb(148, 163, 184)");
    expect(root.querySelector("rect")!.hasAttribute("class")).toBe(false);
    expect(root.querySelector("title")!.hasAttribute("style")).toBe(false);
    expect(root.querySelector("text")!.textContent).toBe("培训");
    host.remove();
    style.remove();
  });
});
