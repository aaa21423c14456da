import { writeFileSync } from 'node:fs'
import { generateOpenApiYaml } from '../openapi-document.js'
import { loadConfig } from '../config.js'

/** npm run openapi: regenerate the committed openapi.yaml from the route schemas. */
const config = loadConfig(process.env)
const yaml = await generateOpenApiYaml(config)
writeFileSync('openapi.yaml', yaml)
console.log(`openapi: wrote openapi.yaml (${yaml.split('\n').length} lines)`)
