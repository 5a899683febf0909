/** Permission codes the city module checks. Reading divisions is public. */
export const CITY_PERMISSIONS = {} as const
