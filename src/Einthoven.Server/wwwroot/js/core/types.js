// The API shapes the web UI reads, as JSDoc types (no build step: editors and `tsc --checkJs` read them). They mirror
// the C# records property by property; a server test (JsTypesTests) compares every typedef here with the OpenAPI
// schema of the same name, so a field renamed in C# fails there. Units are in the names (Ms, Bpm, Seconds) or noted.
export {};

/**
 * The analysis of a whole record (Einthoven.Models.Analysis.AnalysisReport). null means "not measurable here".
 * @typedef {object} AnalysisReport
 * @property {string} record
 * @property {number} samplingFrequency Hz
 * @property {number} durationSeconds
 * @property {string[]} leads
 * @property {BeatCounts} beats
 * @property {RateSummary | null} heartRate
 * @property {TimeDomainHrv | null} hrvTime
 * @property {FrequencyDomainHrv | null} hrvFrequency
 * @property {GlobalMeasurements | null} intervals
 * @property {QualitySummary} quality
 * @property {PacingSummary} pacing
 * @property {RhythmVerdict | null} rhythm null in summaries stored before the models ran
 * @property {ModelVersion[] | null} models
 * @property {Record<string, string> | null} notMeasured why a value is null, keyed by the value's name ("prMs": "no P
 *   waves: atrial fibrillation"; "intervals" when the whole object is missing); null in summaries stored before 2026-12-07
 * @property {string} disclaimer
 * @property {PacemakerVerdict | null} pacemaker the pacemaker detector's verdict; null in summaries stored before it shipped
 * @property {TwelveLeadPrediction | null} statements the 12-lead model's statements of the first 10 s; null for a record
 *   it cannot read (why: notMeasured.statements) and in summaries stored before it shipped
 */

/**
 * What a 12-lead model says about a record (Einthoven.Models.TwelveLead.TwelveLeadPrediction).
 * @typedef {object} TwelveLeadPrediction
 * @property {string} model name and version
 * @property {StatementProbability[]} statements every class, in the model's order
 * @property {string[]} derivedLeads limb leads computed from I and II because the record lacks them
 * @property {string} disclaimer
 */

/**
 * @typedef {object} StatementProbability
 * @property {string} code PTB-XL / SCP-ECG code (superclass, subclass or statement)
 * @property {string} description
 * @property {number} probability 0-1, calibrated
 * @property {number} threshold the class's decision threshold
 * @property {boolean} present probability at or above the threshold
 */

/**
 * @typedef {object} PacemakerVerdict
 * @property {boolean} paced
 * @property {number} probability 0-1
 * @property {'spikes' | 'model'} decidedBy what decided: the pacing-spike rule (at 200 Hz or more) or the learned model
 * @property {string} model name and version of the detector
 */

/**
 * @typedef {object} BeatCounts
 * @property {number} detected
 * @property {number} analysed beats in interpretable segments
 * @property {Record<string, number>} byClass by AAMI class N, S, V, F, Q (only "detected" in old summaries)
 */

/**
 * @typedef {object} RateSummary
 * @property {number} meanBpm
 * @property {number} minBpm
 * @property {number} maxBpm
 * @property {number} normalToNormalIntervals
 */

/**
 * @typedef {object} TimeDomainHrv
 * @property {number} nnCount
 * @property {number} meanNn ms
 * @property {number} sdnn ms
 * @property {number} rmssd ms
 * @property {number} pnn50 %
 */

/**
 * @typedef {object} FrequencyDomainHrv
 * @property {number} lf ms²
 * @property {number} hf ms²
 * @property {number | null} lfHfRatio
 * @property {number} totalPower ms²
 */

/**
 * Median-beat intervals and frontal axes (degrees).
 * @typedef {object} GlobalMeasurements
 * @property {number} rrMs
 * @property {number | null} prMs
 * @property {number} qrsMs
 * @property {number | null} qtMs
 * @property {number | null} qtcBazettMs
 * @property {number | null} qtcFridericiaMs
 * @property {number | null} pAxis
 * @property {number | null} qrsAxis
 * @property {number | null} tAxis
 * @property {number} beatsInMedian
 */

/**
 * @typedef {object} QualitySummary
 * @property {'good' | 'acceptable' | 'inconclusive'} overall
 * @property {number} good 10-s segments
 * @property {number} acceptable
 * @property {number} inconclusive
 * @property {string} rhythmLead
 * @property {QualitySegment[]} segments
 */

/**
 * @typedef {object} QualitySegment
 * @property {number} startSeconds
 * @property {number} endSeconds
 * @property {'good' | 'acceptable' | 'inconclusive'} level
 * @property {string | null} reason
 */

/**
 * @typedef {object} PacingSummary
 * @property {boolean} pacedRhythm
 * @property {number} pacedBeatFraction 0-1
 * @property {number} spikeCount spikes that pace a beat, 0 when the rhythm is not paced (every candidate before 2026-12-07)
 */

/**
 * @typedef {object} RhythmVerdict
 * @property {'N' | 'A' | 'O' | '~'} label
 * @property {string} name
 * @property {Record<string, number>} probabilities by label, 0-1
 * @property {string} lead
 * @property {number | null} afBurden 0-1
 * @property {RhythmWindow[]} windows
 * @property {string | null} reason
 * @property {string} model
 */

/**
 * @typedef {object} RhythmWindow
 * @property {number} startSeconds
 * @property {number} endSeconds
 * @property {'N' | 'A' | 'O' | '~'} label
 * @property {number} probability 0-1
 */

/**
 * @typedef {object} ModelVersion
 * @property {string} name
 * @property {string} version
 */

/**
 * GET /api/recordings/{id}/analysis.
 * @typedef {object} AnalysisView
 * @property {string} recordingId
 * @property {JobView | null} job
 * @property {string | null} analyzer
 * @property {string | null} analysedAt UTC
 * @property {AnalysisReport | null} summary
 * @property {Record<string, number>} beatCounts stored beats by annotation symbol
 * @property {string} disclaimer
 * @property {PatientAssessment | null} assessment the summary in plain words for the patient; null without a summary
 */

/**
 * @typedef {object} PatientAssessment
 * @property {'none' | 'routine' | 'repeat' | 'soon' | 'urgent'} urgency the most pressing of the findings
 * @property {AssessmentMessage[]} findings what was found, in plain words
 * @property {AssessmentMessage[]} steps what to do next
 * @property {boolean} suggestBooking true for soon and urgent: link to booking an appointment
 * @property {string} disclaimerKey text key of the not-a-medical-device notice
 * @property {string} disclaimer the notice in English
 */

/**
 * @typedef {object} AssessmentMessage
 * @property {string} key text key (assessment.finding.* or assessment.step.*) in wwwroot/i18n/{language}/assessment.json
 * @property {'none' | 'routine' | 'repeat' | 'soon' | 'urgent'} urgency
 * @property {Record<string, number>} params the text's numeric placeholders
 */

/**
 * @typedef {object} JobView
 * @property {string} id
 * @property {'Queued' | 'Running' | 'Succeeded' | 'Failed'} state
 * @property {number} progress 0-1
 * @property {number} attempts
 * @property {number} maxAttempts
 * @property {string | null} error
 * @property {string} createdAt UTC
 * @property {string | null} completedAt UTC
 */

/**
 * GET /api/recordings/summaries.
 * @typedef {object} RecordingSummaries
 * @property {RecordingSummary[]} recordings
 * @property {string} disclaimer
 */

/**
 * @typedef {object} RecordingSummary
 * @property {RecordingView} recording
 * @property {JobView | null} job
 * @property {string | null} analyzer
 * @property {string | null} analysedAt UTC
 * @property {AnalysisReport | null} summary
 */

/**
 * @typedef {object} RecordingView
 * @property {string} id
 * @property {string} patientId
 * @property {string} name
 * @property {string} recordedAt UTC
 * @property {string} uploadedAt UTC
 * @property {string} originalFormat
 * @property {string} originalFileName
 * @property {number} samplingFrequency Hz
 * @property {number} sampleCount
 * @property {number} durationSeconds
 * @property {number} leadCount
 * @property {number} storedBytes
 * @property {DigitizedSummary | null} digitized set when the recording was digitised from a photo of a paper ECG
 */

/**
 * What the digitiser found on a photo of a paper ECG (POST /api/digitize/preview, RecordingView.digitized).
 * @typedef {object} DigitizedSummary
 * @property {number} confidence 0..1, the weakest lead's
 * @property {PaperLayoutFound} layout
 * @property {DigitizedLead[]} leads
 */

/**
 * @typedef {object} PaperLayoutFound
 * @property {string} layout e.g. 3x4+1
 * @property {number} pxPerMm
 * @property {number} mmPerSecond
 * @property {number} mmPerMv
 * @property {boolean} calibrationPulseFound
 */

/**
 * @typedef {object} DigitizedLead
 * @property {string} lead
 * @property {number} startSeconds
 * @property {number} durationSeconds
 * @property {number} confidence 0..1
 */

/**
 * POST /api/digitize/preview: the photo's size (upright), what was found and the overlay in the photo's pixels.
 * @typedef {object} DigitizePreview
 * @property {string} fileName
 * @property {number} imageWidth
 * @property {number} imageHeight
 * @property {DigitizedSummary} digitized
 * @property {DigitizeOverlayView} overlay
 */

/**
 * @typedef {object} DigitizeOverlayView
 * @property {number[]} mmToImage page mm to image px, row-major 3x3
 * @property {OverlayLine[]} grid the outline (first four) and the 5 mm lines
 * @property {OverlayTrace[]} traces
 */

/**
 * @typedef {object} OverlayLine
 * @property {number} x0
 * @property {number} y0
 * @property {number} x1
 * @property {number} y1
 */

/**
 * @typedef {object} OverlayTrace
 * @property {string} lead
 * @property {number[]} points x,y pairs in image px
 * @property {number} labelX
 * @property {number} labelY
 */

/**
 * GET /api/analysis/beat-classes: one AAMI class with its beat symbols.
 * @typedef {object} AamiClassSymbols
 * @property {'N' | 'S' | 'V' | 'F' | 'Q'} id
 * @property {string} name
 * @property {string[]} symbols
 */

/**
 * GET /api/monitoring/patients: a patient enrolled with the staff member's organisation.
 * @typedef {object} MonitoredPatientView
 * @property {string} patientId
 * @property {string} name
 * @property {number} homeLatitude degrees
 * @property {number} homeLongitude degrees
 * @property {string} knownConditions
 * @property {string | null} liveStreamId the stream a device sends now, null when none is open
 * @property {string | null} lastFrameAt UTC
 * @property {number} openAlerts
 * @property {'Critical' | 'Warning' | 'Advisory' | null} worstOpenSeverity
 * @property {DeviceLead[]} liveLeads the live stream's leads, empty when none is open
 */

/**
 * A lead as a device declares it.
 * @typedef {object} DeviceLead
 * @property {string} name
 * @property {number} gain adu per mV
 */

/**
 * GET /api/monitoring/patients/{id}.
 * @typedef {object} PatientHistoryView
 * @property {MonitoredPatientView} patient
 * @property {MonitorSettings} settings
 * @property {HistoryRecordingView[]} recordings newest first
 * @property {AlertView[]} recentAlerts newest first
 */

/**
 * @typedef {object} HistoryRecordingView
 * @property {string} id
 * @property {string} name
 * @property {string} recordedAt UTC
 * @property {number} durationSeconds
 * @property {string} originalFormat
 * @property {string | null} summary one line: rhythm, rate, V and S beats
 */

/**
 * A patient's alert thresholds (Einthoven.Monitoring.MonitorSettings).
 * @typedef {object} MonitorSettings
 * @property {number} bradycardiaBpm
 * @property {number} tachycardiaBpm
 * @property {number} pauseSeconds
 * @property {number} asystoleSeconds
 * @property {number} vtRateBpm
 * @property {number} vtRunBeats
 * @property {number} sustainedVtSeconds
 * @property {number} rateSustainSeconds
 * @property {number} rateHysteresisBpm
 * @property {number} rhythmWindowSeconds
 * @property {number} rhythmStepSeconds
 * @property {number} afOnsetSeconds consecutive windows called AF must span this long before the AF alert
 * @property {number} afEndWindows
 * @property {number} signalLossSeconds
 * @property {number} evidenceSeconds
 */

/**
 * An alert (GET /api/monitoring/alerts, and the hub's "alert" message). Positions are samples of the stream.
 * @typedef {object} AlertView
 * @property {string} id
 * @property {string} patientId
 * @property {string} patientName
 * @property {string} streamId
 * @property {string} kind AtrialFibrillation, VentricularTachycardiaRun, SustainedVentricularTachycardia, Bradycardia, ...
 * @property {'Onset' | 'End'} phase
 * @property {'Critical' | 'Warning' | 'Advisory'} severity
 * @property {string} detail
 * @property {number} startSample
 * @property {number} detectedAtSample
 * @property {number} samplingFrequency Hz
 * @property {number} deviceTime the device clock (Unix ms) of the frame that raised it
 * @property {string} raisedAt UTC
 * @property {number} latencyMs device clock to the server's publication
 * @property {'Open' | 'Acknowledged' | 'Escalated' | 'Dispatched' | 'Resolved'} state
 * @property {string} updatedAt UTC
 */

/**
 * GET /api/monitoring/alerts/{id}: the alert with its evidence strip (adu, every lead from evidenceStart).
 * @typedef {object} AlertDetailView
 * @property {AlertView} alert
 * @property {number} evidenceStart sample
 * @property {string[]} leads
 * @property {number[]} gains adu per mV, one per lead
 * @property {number[][]} evidence [lead][sample]
 * @property {AlertActionView[]} actions the trail, oldest first
 * @property {DispatchView[]} dispatches
 */

/**
 * @typedef {object} AlertActionView
 * @property {string} action acknowledge, escalate, dispatch, resolve, handover
 * @property {string} actorId
 * @property {string} actorName
 * @property {string} note
 * @property {string} at UTC
 */

/**
 * @typedef {object} DispatchView
 * @property {string} id
 * @property {string} alertId
 * @property {string} teamId
 * @property {string} teamName
 * @property {number} distanceKm great-circle, base to home
 * @property {string} assignedAt UTC
 * @property {string | null} handedOverAt UTC
 * @property {string} handOverNote
 */

/**
 * @typedef {object} TeamView
 * @property {string} id
 * @property {string} organisationId
 * @property {string} name
 * @property {number} baseLatitude
 * @property {number} baseLongitude
 * @property {'Available' | 'Dispatched' | 'OffDuty'} availability
 */

/**
 * @typedef {object} TeamProposalView
 * @property {TeamView} team
 * @property {number} distanceKm
 */

/**
 * GET /api/monitoring/alerts/{id}/dispatch: the available teams, nearest the patient's home first.
 * @typedef {object} DispatchProposalView
 * @property {string} alertId
 * @property {number} homeLatitude
 * @property {number} homeLongitude
 * @property {TeamProposalView[]} teams
 */

/**
 * GET /api/paramedic/dispatches.
 * @typedef {object} ParamedicDispatchView
 * @property {DispatchView} dispatch
 * @property {AlertView} alert
 * @property {number} homeLatitude
 * @property {number} homeLongitude
 * @property {string} knownConditions
 */

/**
 * The hub's "samples" message (not in the OpenAPI document: SignalR only): one stored frame of a watched patient.
 * @typedef {{ patientId: string, streamId: string, firstSample: number, samplingFrequency: number, samples: number[][] }} LiveSamplesView
 */

/**
 * The verification queue (issue 25): GET /api/verification/queue.
 * @typedef {object} QueueItemView
 * @property {string} requestId
 * @property {string} recordingId
 * @property {string} recordingName
 * @property {string} recordedAt UTC
 * @property {number} durationSeconds
 * @property {string} patientId
 * @property {string} patientName
 * @property {string | null} organisationName
 * @property {'assigned' | 'organisation'} route
 * @property {string} requestedAt UTC
 * @property {'Open' | 'Completed' | 'Withdrawn'} status
 * @property {number | null} aiBeats null until the analysis has finished
 * @property {VerificationSetView | null} mine
 * @property {number} otherSets
 */

/**
 * A cardiologist's physician set (progress = reviewedCount / beatCount).
 * @typedef {object} VerificationSetView
 * @property {string} id
 * @property {string} requestId
 * @property {string} recordingId
 * @property {string} cardiologistId
 * @property {string} cardiologistName
 * @property {string} aiModel
 * @property {string} startedAt UTC
 * @property {string} updatedAt UTC
 * @property {string | null} completedAt UTC
 * @property {number} beatCount
 * @property {number} reviewedCount
 * @property {number} progress 0-1
 */

/**
 * POST /api/verification/requests/{id}/sets, GET /api/verification/sets/{id}.
 * @typedef {object} VerificationSetDetail
 * @property {VerificationSetView} set
 * @property {number} samplingFrequency Hz
 * @property {VerifiedBeatView[]} beats
 * @property {string} disclaimer
 */

/**
 * @typedef {object} VerifiedBeatView
 * @property {number} sample
 * @property {number} time seconds
 * @property {string | null} ai the AI's class; null for a beat the cardiologist added
 * @property {string} label N, S, V, F or Q
 * @property {boolean} reviewed
 */

/**
 * GET /api/recordings/{id}/verification.
 * @typedef {object} RecordingVerificationView
 * @property {string} recordingId
 * @property {VerificationRequestView[]} requests
 * @property {VerificationSetView[]} sets
 * @property {boolean} canPush
 * @property {OrganisationView[]} organisations
 * @property {string} disclaimer
 */

/**
 * @typedef {object} VerificationRequestView
 * @property {string} id
 * @property {string} recordingId
 * @property {string | null} organisationId
 * @property {string | null} organisationName
 * @property {string} requestedBy
 * @property {string} requestedByName
 * @property {string} requestedAt UTC
 * @property {'Open' | 'Completed' | 'Withdrawn'} status
 * @property {number} cardiologists
 */

/**
 * @typedef {object} OrganisationView
 * @property {string} id
 * @property {string} name
 */

/**
 * GET /api/recordings/{id}/verification/disagreements.
 * @typedef {object} DisagreementsView
 * @property {string} recordingId
 * @property {VerificationSetView[]} sets
 * @property {number} total
 * @property {DisagreementView[]} items
 * @property {string} disclaimer
 */

/**
 * A null sample: the set has no beat there.
 * @typedef {object} DisagreementView
 * @property {string} setA
 * @property {string} setB
 * @property {number} time seconds
 * @property {number | null} sampleA
 * @property {string | null} labelA
 * @property {number | null} sampleB
 * @property {string | null} labelB
 */

/**
 * GET /api/admin/verification/assignments.
 * @typedef {object} AssignmentView
 * @property {string} id
 * @property {string} cardiologistId
 * @property {string} cardiologistName
 * @property {string} cardiologistEmail
 * @property {string} patientId
 * @property {string} patientName
 * @property {string} patientEmail
 * @property {string} assignedAt UTC
 */

/**
 * @typedef {object} Score2View
 * @property {'SCORE2' | 'SCORE2-OP'} model SCORE2 for ages 40-69, SCORE2-OP for 70-89
 * @property {'low' | 'moderate' | 'high' | 'veryHigh'} region veryHigh is Uzbekistan's
 * @property {number} riskPercent 10-year risk of fatal and non-fatal cardiovascular disease, %, one decimal
 * @property {'lowToModerate' | 'high' | 'veryHigh'} category ESC 2021 category at this age
 * @property {string} categoryKey text key of the category's explanation
 * @property {string} explanation the explanation in the request's language
 * @property {number} highFromPercent where "high" begins at this age
 * @property {number} veryHighFromPercent where "very high" begins at this age
 * @property {boolean} suggestEcg high or very high: suggest booking an ECG
 * @property {RiskInputsView} inputs the inputs in SI units
 * @property {string} citation the papers
 * @property {string} disclaimer not a medical device
 */

/**
 * @typedef {object} RiskInputsView
 * @property {number} age
 * @property {'male' | 'female'} sex
 * @property {boolean} smoker
 * @property {number} systolicBpMmHg
 * @property {number} totalCholesterolMmolPerL
 * @property {number} hdlCholesterolMmolPerL
 */
