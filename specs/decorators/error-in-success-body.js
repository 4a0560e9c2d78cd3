// Why: Voximplant reports failures inside a 2xx body as {"error": {"code", "msg"}} (all three official
// SDKs read it so), which the docs never declare; without it no error can be typed or mocked.
import { forEachOperation, mergeComponents, readSpecsFile, requireMatches } from "./util.js";

export function errorInSuccessBody({ file, schema }) {
  return {
    Root: {
      leave(root, ctx) {
        mergeComponents(root, readSpecsFile(file).components, file);
        let count = 0;
        forEachOperation(root, (operation) => {
          const media = operation.responses?.["200"]?.content?.["application/json"];
          if (!media?.schema) return;
          media.schema = { anyOf: [media.schema, { $ref: `#/components/schemas/${schema}` }] };
          count += 1;
        });
        requireMatches("error-in-success-body", count, "no operation has a 200 application/json response", ctx);
      },
    },
  };
}
