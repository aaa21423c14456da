import Type, { type TArray, type TArrayOptions, type TInteger, type TNumberOptions, type TSchema, type TString, type TStringOptions } from 'typebox'
import { LIMITS } from '../content/limits.js'

/**
 * Bounded primitives for the models: every string has a maxLength, every array a maxItems and
 * every integer a range, so that clients can size what they keep (and the OpenAPI document passes
 * the OWASP ruleset). Bounds on content come from LIMITS, which db:build enforces.
 */

export { LIMITS }

/** A path or URL this API builds: no longer than the URLs the server accepts (a longer one is a 414). */
export const LINK_MAX_LENGTH = 2_048

export function Text (maxLength: number, options: TStringOptions = {}): TString {
  return Type.String({ ...options, maxLength })
}

export function List<T extends TSchema> (item: T, maxItems: number, options: TArrayOptions = {}): TArray<T> {
  return Type.Array(item, { ...options, maxItems })
}

/** An integer from minimum to maximum; every bound of this API fits in 32 bits. */
export function Int (minimum: number, maximum: number, options: TNumberOptions = {}): TInteger {
  return Type.Integer({ ...options, format: 'int32', minimum, maximum })
}

export const Id = (options: TStringOptions = {}): TString => Text(LIMITS.id, options)
export const Title = (options: TStringOptions = {}): TString => Text(LIMITS.title, options)
export const Paragraph = (options: TStringOptions = {}): TString => Text(LIMITS.text, options)
export const Link = (options: TStringOptions = {}): TString => Text(LINK_MAX_LENGTH, options)
export const QubeName = (options: TStringOptions = {}): TString => Text(LIMITS.qubeName, options)
export const DateText = (options: TStringOptions = {}): TString => Type.String({ ...options, format: 'date', maxLength: 10 })
/** A Qubes OS release, such as 4.3. */
export const QubesRelease = (options: TStringOptions = {}): TString => Type.String({ ...options, pattern: '^[0-9]+\\.[0-9]+$', maxLength: 16 })
/** A content release: the newest review date and a prefix of the content hash, such as 2026-11-27.3fa9c1d2. */
export const ReleaseVersion = (options: TStringOptions = {}): TString => Type.String({ ...options, pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}\\.[0-9a-f]{8}$', maxLength: 19 })
/** sha256 of every content file, in hex. */
export const ContentHash = (options: TStringOptions = {}): TString => Type.String({ ...options, pattern: '^[0-9a-f]{64}$', maxLength: 64 })
