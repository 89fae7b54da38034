// The list of test projects the root `vitest.config.ts` runs. Vitest 4 no longer reads this file by
// itself (it was replaced by `test.projects`), so the root config imports it: one place to add a package.
//
// Each entry is a package folder holding its own `vitest.config.ts` (built with `defineProject`).
export const projects: string[] = ['packages/*'];

export default projects;
