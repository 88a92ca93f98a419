// PostGraphile 5 over the bench database, for bench/api_vs_floor.py (`--peer`).
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";

export default {
  extends: [PostGraphileAmberPreset],
  // Conditions and orders on every column, indexed or not, as V4 had by default: fivesoc
  // leaves archived rows out (`archived_at is null`, unindexed), and so must the peer.
  disablePlugins: ["PgIndexBehaviorsPlugin"],
  pgServices: [
    makePgService({ connectionString: process.env.DATABASE_URL, schemas: ["public"] }),
  ],
  grafserv: { host: "127.0.0.1", port: Number(process.env.PEER_PORT ?? 5678) },
  grafast: { explain: false },
};
