// Checks that every .tf file is formatted as `terraform fmt` leaves it. Both use HCL's
// hclwrite.Format; @cdktf/hcl-tools is that Go function compiled to WebAssembly.
"use strict";

const { format } = require("@cdktf/hcl-tools");
const { finding } = require("../findings");

async function checkFormat(tf) {
  const formatted = await format(tf.source);
  if (formatted === tf.source) return [];
  const have = tf.source.split("\n");
  const want = formatted.split("\n");
  let line = 0;
  while (line < have.length && have[line] === want[line]) line++;
  return [finding(tf.file, line + 1, `not formatted as terraform fmt would: expected ${JSON.stringify(want[line] ?? "")}`)];
}

module.exports = { checkFormat };
