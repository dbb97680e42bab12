/**
 * Name slugs exactly as decK's openapi2kong makes them (go-apiops `openapitools.Slugify` and
 * `SanitizeRegexCapture`, both on Kong/go-slugify), so route, service and capture names in
 * kong.yml match what `deck file openapi2kong` would produce (kong-gateway.md A8.1-A8.2).
 */

interface SlugRules {
  /** Replaces whitespace runs and invalid characters; runs of it collapse to one. */
  separator: '-' | '_';
}

function slugWith(text: string, { separator }: SlugRules): string {
  // go-slugify transliterates non-ASCII with unidecode first; our contracts are ASCII, and a
  // name we cannot reproduce exactly is refused rather than guessed.
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(text))
    throw new Error(`"${text}": non-ASCII names are not supported by gateway/generator`);
  const sep = separator;
  let slug = text.trim().split(/\s+/).join(sep);
  // The allowed set is [a-zA-Z0-9] plus the separator; everything else becomes the separator.
  slug = slug.replace(sep === '-' ? /[^a-zA-Z0-9-]/g : /[^a-zA-Z0-9_]/g, sep);
  slug = slug.replace(sep === '-' ? /-{2,}/g : /_{2,}/g, sep);
  const edge = sep === '-' ? /^-+|-+$/g : /^_+|_+$/g;
  return slug.replace(edge, '').toLowerCase();
}

/** Entity-name slug: `Simple API overview` → `simple-api-overview`, `/users/{id}` → `users-id`. */
export function slugify(text: string): string {
  return slugWith(text, { separator: '-' });
}

/** Regex capture name: `userId` → `userid`, `-To_Do` → `to_do`, ` white space ` → `white_space`. */
export function sanitizeCaptureName(name: string): string {
  return slugWith(name, { separator: '_' });
}
