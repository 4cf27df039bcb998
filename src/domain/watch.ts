/** What a user watches: one content item, a whole space, or a label (Cloud v1 `/user/watch/label`). */
export type WatchTarget = { contentId: number } | { spaceId: number } | { labelId: number };
