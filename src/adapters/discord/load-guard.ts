/**
 * Lets discord.js load after vega-lite (the charts). vega-lite adds `Set.prototype.toJSON`, and
 * the inspector bundled with discord.js's event emitter (`@vladfrangu/async_event_emitter`)
 * calls every argument-less method of `Set.prototype` while it loads, expecting an iterator: it
 * fails with `string "Set()" is not iterable`. Every module here that loads discord.js imports
 * this one first: it hides that method until the module graph being loaded has been evaluated
 * (synchronously, before any queued microtask runs), then puts it back.
 */
const descriptor = Object.getOwnPropertyDescriptor(Set.prototype, "toJSON");
if (descriptor?.configurable) {
  Reflect.deleteProperty(Set.prototype, "toJSON");
  queueMicrotask(() => {
    if (!Object.hasOwn(Set.prototype, "toJSON")) Object.defineProperty(Set.prototype, "toJSON", descriptor);
  });
}
