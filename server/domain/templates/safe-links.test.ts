import { describe, expect, it } from "vitest";
import { isSafeLink, stripUnsafeLinks } from "./safe-links";

describe("isSafeLink", () => {
  it.each<[string, boolean]>([
    ["https://example.com/a?b=c#d", true],
    ["http://example.com", true],
    ["HTTPS://EXAMPLE.COM", true],
    ["mailto:ann@example.com", true],
    ["MailTo:ann@example.com?subject=Hi", true],
    ["  https://example.com  ", true],
    ["javascript:alert(1)", false],
    ["JaVaScRiPt:alert(1)", false],
    [" javascript:alert(1)", false],
    ["java\tscript:alert(1)", false],
    ["java\nscript:alert(1)", false],
    ["&#106;avascript:alert(1)", false],
    ["javascript&colon;alert(1)", false],
    ["data:text/html;base64,PHNjcmlwdD4=", false],
    ["vbscript:msgbox(1)", false],
    ["tel:+8613800000000", false],
    ["ftp://example.com", false],
    ["/relative/path", false],
    ["#top", false],
    ["//example.com", false],
    ["https://", false],
    ["", false],
  ])("%j → %s", (url, expected) => {
    expect(isSafeLink(url)).toBe(expected);
  });
});

describe("stripUnsafeLinks", () => {
  it.each<[string, string]>([
    ['<a href="javascript:alert(1)">x</a>', '<a href="#">x</a>'],
    ["<a href='javascript:alert(1)'>x</a>", '<a href="#">x</a>'],
    ["<a href=javascript:alert(1)>x</a>", '<a href="#">x</a>'],
    ['<a HREF = "JAVASCRIPT:alert(1)">x</a>', '<a HREF = "#">x</a>'],
    ['<a href="&#106;&#97;vascript:alert(1)">x</a>', '<a href="#">x</a>'],
    ['<a href="&#x6A;avascript:alert(1)">x</a>', '<a href="#">x</a>'],
    ['<a href="jav&#x09;ascript:alert(1)">x</a>', '<a href="#">x</a>'],
    ['<a href="javascript&colon;alert(1)">x</a>', '<a href="#">x</a>'],
    ['<a href="java&Tab;script:alert(1)">x</a>', '<a href="#">x</a>'],
    ['<a href="&unknown;javascript:alert(1)">x</a>', '<a href="#">x</a>'],
    ['<img src="data:image/svg+xml;base64,AAAA">', '<img src="#">'],
    ['<a/href="vbscript:x">x</a>', '<a/href="#">x</a>'],
    ['<a title=""href="javascript:x">x</a>', '<a title=""href="#">x</a>'],
    ['<a href="https://ok.example"src="javascript:x">', '<a href="https://ok.example"src="#">'],
    ['<img srcset="https://a/1.png 1x, javascript:x 2x">', '<img srcset="#">'],
    ['<form action="javascript:x"><button formaction="data:x">', '<form action="#"><button formaction="#">'],
    ['<svg><a xlink:href="javascript:x">', '<svg><a xlink:href="#">'],
    ['<a href="tel:123">call</a>', '<a href="#">call</a>'],
  ])("rewrites %s", (html, expected) => {
    expect(stripUnsafeLinks(html)).toBe(expected);
  });

  it.each([
    '<a href="https://example.com/?q=a&amp;b=c">x</a>',
    '<a href="http://example.com">x</a>',
    '<a href="mailto:ann@example.com">mail</a>',
    '<a href="/unsubscribe?id=1">x</a>',
    '<a href="#top">top</a>',
    '<a href="//cdn.example.com/x.png">x</a>',
    '<img srcset="https://a/1.png 1x, https://a/2.png 2x">',
    '<a data-href="javascript:x" class="href">text about href=javascript</a>',
    "<p>Just text: javascript:alert(1)</p>",
  ])("leaves %s alone", (html) => {
    expect(stripUnsafeLinks(html)).toBe(html);
  });
});
