/**
 * JSON-LD as it goes into a page's `<script type="application/ld+json">`: serialized, with `<` escaped so the text
 * cannot close the script element.
 */

/** JSON-LD serialized already (a page's costly part, remembered): written as it is. */
export class SerializedJsonLd {
  constructor(
    /** Its `@type`, for readers of the view that do not parse it. */
    readonly type: string,
    /** The JSON text, `<` escaped already. */
    readonly json: string,
  ) {}
}

/** `JSON.stringify` with `<` escaped. */
export function jsonLdText(data: unknown): string {
  return data instanceof SerializedJsonLd ? data.json : JSON.stringify(data).replace(/</g, '\\u003c');
}
