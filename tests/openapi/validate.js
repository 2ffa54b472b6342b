// Validate an OpenAPI document with a well-known validator (the schema of
// OpenAPI 3.0, and every $ref resolved). Usage: node validate.js FILE
const SwaggerParser = require("@apidevtools/swagger-parser");
SwaggerParser.validate(process.argv[2])
  .then((api) => console.log("valid OpenAPI %s: %d paths", api.openapi, Object.keys(api.paths).length))
  .catch((error) => { console.error("invalid: " + error.message); process.exit(1); });
