"use client";
import { useId } from "react";
import { useI18n, type Locale } from "@/components/i18n/i18n";
import { IconGlobe } from "@/components/ui/icons";

/** English / 简体中文. Language names are shown in their own language, as is customary. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const id = useId();
  return (
    <div className="lang-switch">
      <label htmlFor={id} className="sr-only">
        {t("lang.label")}
      </label>
      <span className="lang-icon" aria-hidden>
        <IconGlobe />
      </span>
      <select id={id} className="lang-select" value={locale} onChange={(e) => setLocale(e.target.value as Locale)} data-testid="lang-switch">
        <option value="en">{t("lang.en")}</option>
        <option value="zh">{t("lang.zh")}</option>
      </select>
    </div>
  );
}
