/** Shards' results folders, gathered from many machines and merged into one set before the gate judges it. */
package lab.kb905214.reports.shard;
