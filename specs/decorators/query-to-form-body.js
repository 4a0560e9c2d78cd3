// Why: the docs put every parameter of these POST methods in the query string, so `secret_value`
// would land in URLs, proxy and access logs. The API also accepts a urlencoded form body (the official
// Python client sends one); describe that instead. The vendor files keep the query form.
import { requireMatches } from "./util.js";

export function queryToFormBody({ atLeastOne = [] }) {
  let count = 0;
  return {
    Operation: {
      leave(operation, ctx) {
        const query = (operation.parameters ?? []).filter((parameter) => parameter.in === "query");
        if (query.length === 0 || ctx.key !== "post") return;
        const properties = {};
        for (const parameter of query) {
          properties[parameter.name] = { ...parameter.schema, ...(parameter.description ? { description: parameter.description } : {}) };
        }
        const schema = { type: "object", properties };
        const required = query.filter((parameter) => parameter.required).map((parameter) => parameter.name);
        if (required.length) schema.required = required;
        const groups = atLeastOne.filter((group) => group.every((name) => name in properties));
        if (groups.length) schema.allOf = groups.map((group) => ({ anyOf: group.map((name) => ({ required: [name] })) }));
        operation.parameters = operation.parameters.filter((parameter) => parameter.in !== "query");
        if (operation.parameters.length === 0) delete operation.parameters;
        operation.requestBody = { required: true, content: { "application/x-www-form-urlencoded": { schema } } };
        count += 1;
      },
    },
    Root: {
      leave(_root, ctx) {
        requireMatches("query-to-form-body", count, "no POST operation has query parameters", ctx);
      },
    },
  };
}
