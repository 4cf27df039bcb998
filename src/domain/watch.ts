/** What a user watches: one content item, or a whole space. */
export type WatchTarget = { contentId: number } | { spaceId: number };
