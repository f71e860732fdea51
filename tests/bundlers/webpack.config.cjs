// webpack 5 with no configuration beyond entry and output: the loader's
// `new URL('./file', import.meta.url)` references become emitted assets and
// its dynamic import a chunk.
const path = require('node:path');

module.exports = {
  mode: 'production',
  entry: './main.js',
  output: { path: path.resolve(__dirname, 'dist'), filename: 'main.js', clean: true },
};
