/**
 * A clinic's accent colour, made safe to use: validated as #rrggbb, and darkened until white text
 * on it (buttons) and it as text on white (links) meet WCAG AA 4.5:1.
 */
export const DEFAULT_ACCENT = '#1f5f8b'

export interface BrandColors {
  /** Accent for links, buttons and rules: AA against white in both directions. */
  accent: string
  /** Darker accent for hover states. */
  accentStrong: string
  /** Very light tint for panels; body text on it stays AA. */
  tint: string
}

type Rgb = [number, number, number]

const parse = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb
const toHex = (rgb: Rgb) =>
  `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`
const mix = (a: Rgb, b: Rgb, amount: number): Rgb =>
  a.map((c, i) => c + (b[i]! - c) * amount) as Rgb

function luminance([r, g, b]: Rgb): number {
  const channel = (c: number) => {
    const s = c / 255
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

export function contrastRatio(a: string, b: string): number {
  const [l1, l2] = [luminance(parse(a)), luminance(parse(b))].sort((x, y) => y - x) as [
    number,
    number,
  ]
  return (l1 + 0.05) / (l2 + 0.05)
}

export function isHexColor(value: unknown): value is string {
  return typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value)
}

/** Darkens `hex` towards black in small steps until it reaches `ratio` against white. */
function darkenUntil(hex: string, ratio: number): string {
  let rgb = parse(hex)
  for (let step = 0; step < 40 && contrastRatio(toHex(rgb), '#ffffff') < ratio; step++)
    rgb = mix(rgb, [0, 0, 0], 0.06)
  return toHex(rgb)
}

export function brandColors(accentColor: string | null | undefined): BrandColors {
  const base = isHexColor(accentColor) ? accentColor.toLowerCase() : DEFAULT_ACCENT
  const accent = darkenUntil(base, 4.5)
  return {
    accent,
    accentStrong: toHex(mix(parse(accent), [0, 0, 0], 0.25)),
    tint: toHex(mix(parse(accent), [255, 255, 255], 0.92)),
  }
}
