/** The shapes of a compiled body: plain data that the cache stores and threads pass as JSON. */
/** A level-2 section as written; validate/sections.ts matches its heading to the config's sections. */
export interface BodySection {
  heading: string;
  /** Anchor id, as the heading gets it on the page. */
  slug: string;
  line: number;
  /** No text under the heading. */
  empty: boolean;
}

/** A link or image in the body, with its place for broken-link gaps. */
export interface Link {
  url: string;
  line: number;
  column: number;
  image: boolean;
}

/** What fills slot N of the HTML: the (sanitized) URL and the attributes that go with it. */
export interface Slot {
  url: string;
  image: boolean;
  title?: string;
  alt?: string;
}

/** A compiled body: plain JSON, so it can be cached and moved between threads as it is. */
export interface Body {
  /** Sanitized HTML; each link is `<a href="@N">` and each image `<img src="@N">`, N indexing `slots`. */
  html: string;
  slots: Slot[];
  sections: BodySection[];
  /** Anchor ids of the top-level headings, the ones `#anchor` links may point at. */
  anchors: string[];
  links: Link[];
  /** One block per line: no HTML, no link targets; for search. */
  text: string;
  /** Last line of the file, where a missing section is reported. */
  endLine: number;
}

