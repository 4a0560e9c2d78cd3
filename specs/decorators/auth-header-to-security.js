// Why: the Voximplant docs declare `Authorization` as a required header *parameter* on every
// operation, so generated call signatures demand a token the auth middleware already sets
// (openapi-typescript issue #2073). Replace it with the declared security scheme.
import { requireMatches } from "./util.js";

export function authHeaderToSecurity({ scheme }) {
  let count = 0;
  return {
    Operation: {
      enter(operation) {
        const before = operation.parameters?.length ?? 0;
        operation.parameters = (operation.parameters ?? []).filter(
          (parameter) => !(parameter.in === "header" && /^authorization$/i.test(parameter.name ?? "")),
        );
        if (operation.parameters.length === before) return;
        count += 1;
        operation.security = [{ [scheme]: [] }];
      },
    },
    Root: {
      leave(_root, ctx) {
        requireMatches("auth-header-to-security", count, "no operation declares an Authorization header parameter", ctx);
      },
    },
  };
}
