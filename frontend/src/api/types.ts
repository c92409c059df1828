/** Short names for the generated schema types the features use. */
import type { components } from './schema';

type Schemas = components['schemas'];

export type Problem = Schemas['ProblemDetail'];
export type FieldProblem = Schemas['FieldProblem'];
export type TokenPair = Schemas['TokenPair'];
export type Me = Schemas['Me'];
export type Role = Schemas['Role'];
export type Unit = Schemas['UnitOut'];
export type UnitGroup = Schemas['GroupOut'];
export type Framework = Schemas['FrameworkOut'];
export type Criterion = Schemas['CriterionOut'];
export type CriterionRule = Criterion['rule'];
export type CriterionInput = Schemas['InputOut'];
export type Guidance = Schemas['Guidance'];
export type Round = Schemas['RoundOut'];
export type Phase = Schemas['Phase'];
export type DataElement = Schemas['DataElementOut'];
export type Assessment = Schemas['AssessmentOut'];
export type Answer = Schemas['AnswerOut'];
export type InputState = Schemas['InputState'];
export type Evidence = Schemas['EvidenceOut'];
export type MissingItem = Schemas['MissingItem'];
export type ScoreNode = Schemas['ScoreNode'];
export type AnswerChange = Schemas['HistoryOut'];
export type SubmissionStatus = Schemas['SubmissionStatus'];
export type ValueType = DataElement['value_type'];
export type ImportReport = Schemas['ReportOut'];
export type ImportSummary = Schemas['ReportSummary'];
export type ImportErrorKind = Schemas['ErrorKind'];
export type ImportRowError = Schemas['RowError'];
export type AnswerReview = Schemas['AnswerReview'];
export type ReviewDecisionOut = Schemas['ReviewOut'];
export type AnswerComment = Schemas['CommentOut'];
export type ReviewQueueItem = Schemas['QueueItem'];
export type Decision = Schemas['Decision'];
