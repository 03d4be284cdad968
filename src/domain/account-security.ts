/** What a personal API token may do: read (GET only) or read and write. */
export const PERSONAL_TOKEN_ACCESS = ['read', 'write'] as const;
export type PersonalTokenAccess = (typeof PERSONAL_TOKEN_ACCESS)[number];

export interface Device {
  browser: string | null;
  os: string | null;
  mobile: boolean;
}

/** Ordered: the first match wins (Edge and Opera also say Chrome; Chrome also says Safari). */
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bChrom(e|ium)\/|\bCriOS\//, 'Chrome'],
  [/\bSafari\//, 'Safari'],
  [/\bcurl\//i, 'curl'],
  [/\bpython-requests\/|\bpython-urllib/i, 'Python'],
  [/\bnode-fetch\b|\bundici\b|\bnode\b/i, 'Node.js'],
];

const SYSTEMS: [RegExp, string][] = [
  [/\b(iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

/** Browser and operating system named in a User-Agent header, for the sessions page. */
export function describeDevice(userAgent: string | null): Device {
  const ua = userAgent ?? '';
  return {
    browser: BROWSERS.find(([re]) => re.test(ua))?.[1] ?? null,
    os: SYSTEMS.find(([re]) => re.test(ua))?.[1] ?? null,
    mobile: /\bMobile\b|\biPhone\b|\bAndroid\b.*\bMobile\b/.test(ua),
  };
}
