// @ts-check
// A neverthrow Result or ResultAsync that is computed and then dropped is an ignored failure.
// This rule reports expression statements whose value is a Result, a ResultAsync, or a promise of either.
import { ESLintUtils } from '@typescript-eslint/utils';

const RESULT_NAMES = new Set(['Ok', 'Err', 'ResultAsync']);

/** @param {import('typescript').Type} type @param {import('typescript').TypeChecker} checker @returns {boolean} */
function isResultLike(type, checker) {
  if (type.isUnion()) return type.types.some((t) => isResultLike(t, checker));
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  if (symbol !== undefined && RESULT_NAMES.has(symbol.getName())) return true;
  const awaited = checker.getAwaitedType(type);
  if (awaited !== undefined && awaited !== type) return isResultLike(awaited, checker);
  return false;
}

export default ESLintUtils.RuleCreator.withoutDocs({
  meta: {
    type: 'problem',
    messages: { unused: 'This Result is ignored: handle it (match, map, andThen, isErr…) or return it.' },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();
    return {
      ExpressionStatement(node) {
        const expr = node.expression;
        if (expr.type === 'AssignmentExpression' || expr.type === 'UnaryExpression') return;
        const type = services.getTypeAtLocation(expr);
        if (isResultLike(type, checker)) context.report({ node, messageId: 'unused' });
      },
    };
  },
});
