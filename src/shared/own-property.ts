/**
 * Writing a key that came from input (a CSV column, a header name, a `--map` field) onto a
 * plain object.
 * @module
 */

/**
 * Sets `key` as an own data property of `target`. A plain `target[key] = value` with the key
 * `__proto__` sets the prototype instead (or does nothing for a string value), so a column
 * of that name could not be read and a header of that name could plant inherited values.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}
