import { afterEach, describe, expect, it } from "vitest";
import { dictionaries, errorTitle, i18n, t } from "../lib/i18n.svelte";
import { ALL_FIELDS } from "../lib/fields";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("dictionaries", () => {
  const zhKeys = Object.keys(dictionaries.zh).sort();
  const enKeys = Object.keys(dictionaries.en).sort();

  it("have the same keys in both languages", () => {
    expect(enKeys).toEqual(zhKeys);
  });

  it("have no empty text", () => {
    for (const lang of ["zh", "en"] as const) {
      for (const [key, text] of Object.entries(dictionaries[lang])) {
        expect(text.trim(), `${lang}:${key}`).not.toBe("");
      }
    }
  });

  it("use the same placeholders in both languages", () => {
    for (const key of zhKeys) {
      const k = key as keyof typeof dictionaries.zh;
      expect(placeholders(dictionaries.en[k]), key).toEqual(placeholders(dictionaries.zh[k]));
    }
  });

  it("name every import field and every error code the shell sends", () => {
    for (const f of ALL_FIELDS) expect(zhKeys).toContain(`field.${f}`);
    for (const code of ["no_workspace", "db", "migration", "io", "import", "rejected_rows", "not_found", "invalid", "in_use", "report", "internal"]) {
      expect(zhKeys).toContain(`error.code.${code}`);
    }
  });
});

describe("t", () => {
  afterEach(() => {
    i18n.lang = "zh";
  });

  it("defaults to Simplified Chinese", () => {
    expect(i18n.lang).toBe("zh");
    expect(t("nav.dashboard")).toBe("仪表盘");
  });

  it("follows the current language", () => {
    i18n.lang = "en";
    expect(t("nav.dashboard")).toBe("Dashboard");
  });

  it("fills placeholders", () => {
    expect(t("dash.kpi.metOf", { met: "1,155", measured: "1,200" })).toBe("1,155 / 1,200 张工单达标");
  });

  it("titles an unknown error code generically", () => {
    expect(errorTitle("in_use")).toBe("记录仍被引用");
    expect(errorTitle("something_new")).toBe("操作失败");
  });
});
