// Redocly plugin: the decorators that repair vendor defects at bundle time, one reason each.
// A decorator whose target matches nothing reports an error, so a vendor restructuring fails the
// bundle instead of silently producing an unchanged spec.
import { authHeaderToSecurity } from "./auth-header-to-security.js";
import { documentedConstraints } from "./documented-constraints.js";
import { queryToFormBody } from "./query-to-form-body.js";
import { errorInSuccessBody } from "./error-in-success-body.js";
import { resultObjectOrArray } from "./result-object-or-array.js";
import { errorResponses } from "./error-responses.js";
import { namedExamples } from "./named-examples.js";

export default function typedSecretsPlugin() {
  return {
    id: "typed-secrets",
    decorators: {
      oas3: {
        "auth-header-to-security": authHeaderToSecurity,
        "documented-constraints": documentedConstraints,
        "query-to-form-body": queryToFormBody,
        "error-in-success-body": errorInSuccessBody,
        "result-object-or-array": resultObjectOrArray,
        "error-responses": errorResponses,
        "named-examples": namedExamples,
      },
    },
  };
}
