// Why: the docs type AddSecret's and GetSecretValue's `result` as an object, the official Node SDK as a
// one-element array; servers evidently answer both, so accept both.
import { requireMatches } from "./util.js";

export function resultObjectOrArray({ schemas }) {
  return {
    Root: {
      leave(root, ctx) {
        let count = 0;
        for (const name of schemas ?? []) {
          const result = root.components?.schemas?.[name]?.properties?.result;
          if (!result) {
            requireMatches("result-object-or-array", 0, `components.schemas.${name}.properties.result is missing`, ctx);
            continue;
          }
          const { description, ...shape } = result;
          root.components.schemas[name].properties.result = {
            ...(description ? { description } : {}),
            anyOf: [shape, { type: "array", items: shape, minItems: 1, maxItems: 1 }],
          };
          count += 1;
        }
        requireMatches("result-object-or-array", count, "no schema listed", ctx);
      },
    },
  };
}
