// Validates an OpenAPI document against its specification (schema and semantic rules, with
// @apidevtools/swagger-parser) and prints the result. Exit code 0: valid, 1: invalid, 2: wrong usage.
//   node scripts/validate-openapi.mjs swagger.json
import SwaggerParser from '@apidevtools/swagger-parser';

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/validate-openapi.mjs <openapi.json>');
  process.exit(2);
}

try {
  const api = await SwaggerParser.validate(file);
  const operations = Object.values(api.paths ?? {}).reduce((n, item) => n + Object.keys(item).length, 0);
  console.log(`valid: ${file} is OpenAPI ${api.openapi ?? api.swagger} with ${Object.keys(api.paths ?? {}).length} paths, ${operations} operations`);
} catch (error) {
  console.error(`invalid: ${file}`);
  console.error(error.message);
  process.exit(1);
}
