'use client'

import { useEffect, useState } from 'react'

interface Run {
  id: number | string
  label: string
  clinic: string
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled'
  phase?: string | null
  done?: number | null
  total?: number | null
  error?: string | null
  report?: Report | null
  applied?: Applied | null
}
interface Report {
  summary: Record<string, number>
  mergedGroups: {
    title: string
    clinics: string[]
    similarity: { min: number; mean: number }
    copies: {
      clinic: string
      url: string | null
      similarityToKept: number
      linesNotInKept: string[]
    }[]
  }[]
  related: { a: { title: string }; b: { title: string }; similarity: { text: number } }[]
  clinicInfoPages: { clinic: string; url: string | null; title: string; topic: string }[]
  issues: { clinic: string; code: string; where: string; message: string }[]
}
interface Applied {
  counts: Record<string, Record<string, number>>
  conflicts: { label: string; message: string }[]
  skipped: { kind: string; label: string; message: string }[]
  awaitingReview: { id: number | string; title: string; clinics: string[] }[]
}

const percent = (n: number) => `${Math.round(n * 100)}%`

/** Upload, progress (polled from the import run), cancel and the report. */
export function ImportForm({
  apiRoute,
  adminRoute,
  clinics,
}: {
  apiRoute: string
  adminRoute: string
  clinics: { slug: string; name: string }[]
}) {
  const [run, setRun] = useState<Run | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const active = run && (run.status === 'queued' || run.status === 'running')

  useEffect(() => {
    if (!run || !active) return
    const timer = setTimeout(async () => {
      const res = await fetch(`${apiRoute}/import-runs/${run.id}?depth=0`, {
        credentials: 'include',
      })
      if (res.ok) setRun((await res.json()) as Run)
    }, 1000)
    return () => clearTimeout(timer)
  }, [run, active, apiRoute])

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setError(null)
    setBusy(true)
    const form = new FormData(event.currentTarget)
    const body = new FormData()
    const file = form.get('file')
    if (file instanceof File && file.size > 0) body.set('file', file)
    body.set(
      '_payload',
      JSON.stringify({ clinic: form.get('clinic'), dryRun: form.get('dryRun') === 'on' }),
    )
    try {
      const res = await fetch(`${apiRoute}/import-runs/upload`, {
        method: 'POST',
        body,
        credentials: 'include',
      })
      const json = (await res.json().catch(() => ({}))) as {
        id?: number
        errors?: { message: string }[]
      }
      if (!res.ok || json.id === undefined) {
        setError(json.errors?.[0]?.message ?? `The upload was refused (${res.status}).`)
        return
      }
      setRun({
        id: json.id,
        label: String(file instanceof File ? file.name : ''),
        clinic: '',
        status: 'queued',
      })
    } catch {
      setError('The upload failed: is the file larger than the upload limit?')
    } finally {
      setBusy(false)
    }
  }

  async function cancel() {
    if (!run) return
    await fetch(`${apiRoute}/import-runs/${run.id}/cancel`, {
      method: 'POST',
      credentials: 'include',
    })
  }

  return (
    <div>
      <form onSubmit={submit} aria-label="Import an export">
        <p>
          <label htmlFor="import-clinic">Clinic</label>{' '}
          <select id="import-clinic" name="clinic" required defaultValue="">
            <option value="" disabled>
              Choose the clinic whose site this is
            </option>
            {clinics.map((clinic) => (
              <option key={clinic.slug} value={clinic.slug}>
                {clinic.name}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label htmlFor="import-file">Export file</label>{' '}
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".xml,.json,.html,.htm,.txt,.md"
            required
          />
        </p>
        <p>
          <label>
            <input type="checkbox" name="dryRun" /> Dry run: only show the report, write nothing
          </label>
        </p>
        <button type="submit" className="btn btn--style-primary" disabled={busy || Boolean(active)}>
          Import
        </button>
      </form>
      {error && (
        <p role="alert" id="import-error">
          {error}
        </p>
      )}
      {run && (
        <section aria-live="polite" id="import-run">
          <h2>
            {run.label}: <span id="import-status">{run.status}</span>
          </h2>
          {active && (
            <p>
              {run.phase ?? 'waiting'}
              {run.total ? ` ${Math.min((run.done ?? 0) + 1, run.total)}/${run.total}` : ''}{' '}
              <button type="button" className="btn btn--style-secondary" onClick={cancel}>
                Cancel
              </button>
            </p>
          )}
          {run.error && <p role="alert">{run.error}</p>}
          {run.report && <ReportView report={run.report} />}
          {run.applied && <AppliedView applied={run.applied} adminRoute={adminRoute} />}
        </section>
      )}
    </div>
  )
}

function ReportView({ report }: { report: Report }) {
  return (
    <div id="import-report">
      <h3>Report</h3>
      <ul>
        {Object.entries(report.summary).map(([key, value]) => (
          <li key={key}>
            {key}: {value}
          </li>
        ))}
      </ul>
      {report.mergedGroups.length > 0 && (
        <>
          <h4>Merged into network articles</h4>
          {report.mergedGroups.map((group) => (
            <details key={group.title}>
              <summary>
                {group.title} ({group.clinics.join(', ')}; similarity{' '}
                {percent(group.similarity.min)}–{percent(group.similarity.mean)})
              </summary>
              {group.copies.map((copy) => (
                <div key={`${copy.clinic}${copy.url}`}>
                  <p>
                    {copy.clinic}: {copy.url} ({percent(copy.similarityToKept)} like the kept copy)
                  </p>
                  {copy.linesNotInKept.length > 0 && (
                    <ul>
                      {copy.linesNotInKept.map((line) => (
                        <li key={line}>{line}</li>
                      ))}
                    </ul>
                  )}
                </div>
              ))}
            </details>
          ))}
        </>
      )}
      {report.related.length > 0 && (
        <>
          <h4>Related, kept separate</h4>
          <ul>
            {report.related.map((pair) => (
              <li key={`${pair.a.title}|${pair.b.title}`}>
                {pair.a.title} / {pair.b.title} ({percent(pair.similarity.text)})
              </li>
            ))}
          </ul>
        </>
      )}
      {report.clinicInfoPages.length > 0 && (
        <>
          <h4>Clinic information pages (not imported as articles)</h4>
          <ul>
            {report.clinicInfoPages.map((page) => (
              <li key={`${page.clinic}${page.url}`}>
                {page.title} ({page.topic}): {page.url}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.issues.length > 0 && (
        <>
          <h4>Issues</h4>
          <ul id="import-issues">
            {report.issues.map((issue, n) => (
              <li key={n}>
                [{issue.code}] {issue.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}

function AppliedView({ applied, adminRoute }: { applied: Applied; adminRoute: string }) {
  return (
    <div id="import-applied">
      <h3>Written to the CMS</h3>
      <ul>
        {Object.entries(applied.counts).map(([phase, c]) => (
          <li key={phase}>
            {phase}: {c.created} created, {c.updated} updated, {c.unchanged} unchanged,{' '}
            {c.conflicts} conflicts, {c.skipped} skipped
          </li>
        ))}
      </ul>
      {applied.conflicts.length > 0 && (
        <>
          <h4>Conflicts (edited in the CMS, left as they are)</h4>
          <ul>
            {applied.conflicts.map((c) => (
              <li key={c.label}>{c.label}</li>
            ))}
          </ul>
        </>
      )}
      {applied.skipped.length > 0 && (
        <>
          <h4>Not written</h4>
          <ul>
            {applied.skipped.map((s) => (
              <li key={`${s.kind}${s.label}`}>
                {s.label}: {s.message}
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>Awaiting medical review ({applied.awaitingReview.length})</h4>
      <ul id="import-awaiting-review">
        {applied.awaitingReview.map((a) => (
          <li key={a.id}>
            <a href={`${adminRoute}/collections/articles/${a.id}`}>{a.title}</a> (
            {a.clinics.join(', ')})
          </li>
        ))}
      </ul>
    </div>
  )
}
