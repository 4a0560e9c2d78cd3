// Why: the vendor declares only 200 responses, so openapi-fetch types `error` as undefined and a mock
// cannot serve failures. Add the error responses the API really sends, with schemas, to every operation.
import { forEachOperation, mergeComponents, readSpecsFile, requireMatches } from "./util.js";

export function errorResponses({ file, responses }) {
  return {
    Root: {
      leave(root, ctx) {
        mergeComponents(root, readSpecsFile(file).components, file);
        let count = 0;
        forEachOperation(root, (operation) => {
          for (const [status, name] of Object.entries(responses ?? {})) {
            if (operation.responses?.[status]) continue;
            operation.responses[status] = { $ref: `#/components/responses/${name}` };
            count += 1;
          }
        });
        requireMatches("error-responses", count, "every operation already declares every listed status", ctx);
      },
    },
  };
}
