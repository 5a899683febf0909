import { ConfigError } from '../../core/config.ts'

/** Settings of the feedback module, from the environment at boot; tests pass overrides. */
export interface FeedbackOptions {
  /** Natural days after a service during which it may be rated (`FEEDBACK_RATING_DAYS`, Guangdong: 7). */
  ratingDays: number
  /** The score recorded when nobody rated within the window (`FEEDBACK_DEFAULT_SCORE`, 3 = 基本满意). */
  defaultScore: number
  /** Working days to rectify a bad review (`FEEDBACK_RECTIFY_DAYS`, default 5). */
  rectifyDays: number
  /** Natural days the person has to rate a rectification before the case closes (`FEEDBACK_RESULT_DAYS`, 7). */
  resultDays: number
  /** Ratings a group needs before its rates are shown or ranked (`FEEDBACK_MIN_COUNT`, default 10). */
  minCount: number
  /** How often the sweep (default ratings, closing cases) runs, in ms (`FEEDBACK_SWEEP_MS`, 60000; 0 = only on demand). */
  sweepMs: number
}

export const DEFAULT_FEEDBACK_OPTIONS: FeedbackOptions = { ratingDays: 7, defaultScore: 3, rectifyDays: 5, resultDays: 7, minCount: 10, sweepMs: 60_000 }

type Env = Record<string, string | undefined>

function int(env: Env, key: string, def: number, min: number, max: number): number {
  const raw = env[key]?.trim()
  if (!raw) return def
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new ConfigError(key, `an integer ${min}-${max}`, raw)
  return Number(raw)
}

/** Builds the options from the environment, under `overrides`. Throws ConfigError with the key. */
export function loadFeedbackOptions(env: Env = process.env, overrides: Partial<FeedbackOptions> = {}): FeedbackOptions {
  const d = DEFAULT_FEEDBACK_OPTIONS
  return {
    ratingDays: int(env, 'FEEDBACK_RATING_DAYS', d.ratingDays, 1, 90),
    defaultScore: int(env, 'FEEDBACK_DEFAULT_SCORE', d.defaultScore, 1, 5),
    rectifyDays: int(env, 'FEEDBACK_RECTIFY_DAYS', d.rectifyDays, 1, 60),
    resultDays: int(env, 'FEEDBACK_RESULT_DAYS', d.resultDays, 1, 90),
    minCount: int(env, 'FEEDBACK_MIN_COUNT', d.minCount, 1, 10_000),
    sweepMs: int(env, 'FEEDBACK_SWEEP_MS', d.sweepMs, 0, 86_400_000),
    ...overrides,
  }
}
