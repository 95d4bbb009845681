// The one server action wrapper, the counterpart of defineRoute for the operator UI: every
// action in app/**/actions.ts declares its schemas and a handler; this parses with the same zod
// schemas as the API and turns anything thrown into an ActionResult (lib/http/errors.ts), so an
// action never throws at the browser. Only a signed-in operator's session may run one.
import type { z } from "zod";
import { Unauthorized, validationError } from "../domain/errors";
import { currentOperator } from "./operator";
import type { Principal } from "../domain/access";
import { toActionError, type ActionResult } from "./errors";

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type In<S> = S extends z.ZodType ? z.input<S> : undefined;

interface ActionSpec<P extends z.ZodType, B extends z.ZodType | undefined, T> {
  /** What the action acts on (ids), parsed like a route's params: `{ cid }`, `{ cid, aid }`. */
  params: P;
  /** The request, parsed with the API's body schema so both paths share every rule. */
  body?: B;
  handler: (input: { params: z.output<P>; body: Out<B>; operator: Principal }) => Promise<T>;
}

export function defineAction<P extends z.ZodType, B extends z.ZodType | undefined, T>(spec: ActionSpec<P, B, T>) {
  return async (params: z.input<P>, body: In<B>): Promise<ActionResult<T>> => {
    try {
      const operator = await currentOperator();
      if (!operator) throw Unauthorized("sign in as an operator to change anything");
      const p = spec.params.safeParse(params);
      if (!p.success) throw validationError(p.error);
      let parsedBody = undefined as Out<B>;
      if (spec.body) {
        const b = spec.body.safeParse(body);
        if (!b.success) throw validationError(b.error);
        parsedBody = b.data as Out<B>;
      }
      return { ok: true, data: await spec.handler({ params: p.data, body: parsedBody, operator }) };
    } catch (error) {
      return toActionError(error);
    }
  };
}
