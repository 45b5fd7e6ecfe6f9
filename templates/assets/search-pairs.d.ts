/** Types for search-pairs.js (shared by the build and the browser); see that file. */
export declare function toSearchPairs(text: string): string;
export declare function toSearchQuery(query: string): string;
export declare function decodeToken(token: string): string;
