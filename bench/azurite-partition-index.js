// Preloaded into the bench's Azurite with --azurite-partition-index (NODE_OPTIONS=--require this file).
//
// Azurite answers every table query by running its filter over every entity of the table (LokiTableMetadataStore
// .queryTableEntities: collection.chain().where(fn)). An export reads each session with one query in its own partition, so on
// Azurite N sessions cost N scans of a table that grows with N: quadratic, hours at 100,000 rows, where Azure Table Storage
// reads a partition's key range from its index. This narrows a query whose filter pins one PartitionKey (a top-level
// "PartitionKey eq '...'" with no "or"/"not" anywhere) to that partition's rows first, through the PartitionKey index Azurite
// already keeps on every table (its point reads use it); Azurite's own code then runs unchanged on those rows: the same
// filter, continuation, order and page size, so the answers are the same. Any other filter takes Azurite's path as it is.
"use strict";
const Module = require("module");

const originalLoad = Module._load;
let patched = false;
Module._load = function (request, parent, isMain) {
  const exported = originalLoad.apply(this, arguments);
  if (!patched && /LokiTableMetadataStore$/.test(request) && exported && exported.default) {
    patched = true;
    narrowQueries(exported.default);
  }
  return exported;
};

function narrowQueries(Store) {
  const original = Store.prototype.queryTableEntities;
  Store.prototype.queryTableEntities = function (context, account, table, queryOptions) {
    const partitionKey = pinnedPartition(queryOptions && queryOptions.filter);
    if (partitionKey === undefined) return original.apply(this, arguments);
    const store = this;
    const narrowed = Object.create(store);
    narrowed.getEntityCollection = function () {
      const collection = store.getEntityCollection.apply(store, arguments);
      return { chain: () => collection.chain().find({ PartitionKey: { $eq: partitionKey } }) };
    };
    return original.apply(narrowed, arguments);
  };
  process.stderr.write("bench: Azurite table queries that pin one PartitionKey read that partition through its index\n");
}

/** The PartitionKey a filter pins at its top level, or undefined when it may match rows of other partitions. */
function pinnedPartition(filter) {
  if (typeof filter !== "string") return undefined;
  const outsideLiterals = filter.replace(/'(?:[^']|'')*'/g, "''");
  if (/\b(or|not)\b/i.test(outsideLiterals)) return undefined;
  const match = /^\s*\(*\s*PartitionKey\s+eq\s+'((?:[^']|'')*)'\s*\)*\s*(?:and\b|$)/.exec(filter);
  return match ? match[1].replace(/''/g, "'") : undefined;
}
