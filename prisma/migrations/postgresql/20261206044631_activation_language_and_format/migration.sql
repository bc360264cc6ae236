-- AlterTable
ALTER TABLE "ActivationToken" ADD COLUMN     "formatLocale" TEXT,
ADD COLUMN     "language" TEXT;
