/** Kept by hand in step with package.json's version (the bundle has no package.json to read). */
export const VERSION = '0.1.0'
