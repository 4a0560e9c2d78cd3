// Why: the docs state rules in prose only ("must start with a Latin letter … up to 64 characters",
// values at most 8192 characters); written into the schemas, Prism enforces what our client checks.
import { requireMatches } from "./util.js";

export function documentedConstraints({ parameters }) {
  let count = 0;
  return {
    Parameter: {
      enter(parameter) {
        const constraints = parameters?.[parameter.name];
        if (!constraints || parameter.in !== "query" || !parameter.schema) return;
        for (const [keyword, value] of Object.entries(constraints)) {
          if (parameter.schema[keyword] !== undefined) continue;
          parameter.schema[keyword] = value;
          count += 1;
        }
      },
    },
    Root: {
      leave(_root, ctx) {
        requireMatches("documented-constraints", count, `no query parameter named ${Object.keys(parameters ?? {}).join(", ")} lacked its rule`, ctx);
      },
    },
  };
}
