// The context package as sections people can scan. Values are agents' text: rendered as text.
import type { AgentContext } from "@/lib/hooks/api";
import { JsonTree } from "@/components/ui/JsonTree";

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
      <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{title}</h3>
      {children}
    </section>
  );
}

function Pairs({ values }: { values: Record<string, unknown> }) {
  return (
    <dl className="grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-4 gap-y-1 text-sm">
      {Object.entries(values).map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-mono text-xs leading-5 text-slate-500 dark:text-slate-400">{k}</dt>
          <dd className="break-words font-mono text-xs leading-5">{v === null ? <span className="text-slate-400">null</span> : typeof v === "object" ? JSON.stringify(v) : String(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ContextStructured({ context }: { context: AgentContext }) {
  const a = context.agent_assignment;
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <Section title="Assignment">
        <p className="whitespace-pre-wrap text-sm">{a.objective || <span className="text-slate-400">No objective</span>}</p>
        <h4 className="mt-3 text-xs font-medium text-slate-500">Tasks</h4>
        {a.tasks.length ? (
          <ol className="ml-5 list-decimal text-sm">
            {a.tasks.map((t, i) => (
              <li key={i} className="whitespace-pre-wrap">
                {t}
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-sm text-slate-400">None</p>
        )}
        <h4 className="mt-3 text-xs font-medium text-slate-500">Dependencies</h4>
        <p className="font-mono text-xs">{a.dependencies.length ? a.dependencies.join(", ") : <span className="text-slate-400">None</span>}</p>
        {(["input_data", "output_requirements", "success_criteria"] as const).map((k) => (
          <div key={k} className="mt-3">
            <h4 className="text-xs font-medium text-slate-500">{k}</h4>
            <JsonTree value={a[k]} />
          </div>
        ))}
      </Section>
      <div className="space-y-4">
        <Section title="Coordination metadata">
          <Pairs values={context.coordination_metadata} />
        </Section>
        <Section title="Resource allocation">
          <Pairs values={context.resource_allocation} />
        </Section>
        <Section title="Coordination protocols">
          <Pairs values={context.coordination_protocols} />
        </Section>
      </div>
      <div className="xl:col-span-2">
        <Section title="Shared intelligence">
          <JsonTree value={context.shared_intelligence} openDepth={2} />
        </Section>
      </div>
    </div>
  );
}
