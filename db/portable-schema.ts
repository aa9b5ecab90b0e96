// The frozen migrations are written once for both engines (ADR 006). Where PostgreSQL's DDL differs,
// this plugin rewrites kysely's query tree rather than the migration files: `integer … autoIncrement()`
// (which kysely prints as MySQL's `auto_increment`) becomes an identity column.
import {
  type ColumnDefinitionNode,
  GeneratedNode,
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";

class IdentityColumns extends OperationNodeTransformer {
  protected override transformColumnDefinition(node: ColumnDefinitionNode): ColumnDefinitionNode {
    const out = super.transformColumnDefinition(node);
    if (!out.autoIncrement) return out;
    // "by default": seeds and restores may still write explicit ids (restore then moves the sequence on).
    return { ...out, autoIncrement: false, generated: GeneratedNode.create({ identity: true, byDefault: true }) };
  }
}

export class PortableSchemaPlugin implements KyselyPlugin {
  readonly #identity = new IdentityColumns();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node.kind === "CreateTableNode" || args.node.kind === "AlterTableNode"
      ? this.#identity.transformNode(args.node)
      : args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
