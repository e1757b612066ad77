// Strict WebVTT check for the tests (tests/helpers.py check_vtt): each file named on the command line is parsed
// by the npm webvtt-parser (the W3C validator's parser, with the full table of named character references) and
// reported as JSON: its errors and, per cue, its times and its text as a reader gets it (tags dropped,
// character references decoded, lines joined by "\n").
'use strict';
const fs = require('fs');
const path = require('path');
const {WebVTTParser} = require('webvtt-parser');
const entities = JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve('webvtt-parser')),
                                                      'html-entities.json'), 'utf8'));

function text(node) {
  if (node.type === 'text') return node.value;
  return (node.children || []).map(text).join('');
}

const report = {};
for (const file of process.argv.slice(2)) {
  const tree = new WebVTTParser(entities).parse(fs.readFileSync(file, 'utf8'));
  report[file] = {
    errors: tree.errors.map((e) => `line ${e.line}, column ${e.col}: ${e.message}`),
    cues: tree.cues.map((cue) => ({id: cue.id, start: cue.startTime, end: cue.endTime, text: text(cue.tree)})),
  };
}
process.stdout.write(JSON.stringify(report));
